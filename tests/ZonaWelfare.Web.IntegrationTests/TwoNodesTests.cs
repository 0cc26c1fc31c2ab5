using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Net.Http.Headers;
using ZonaWelfare.Core.Hosting;

namespace ZonaWelfare.Web.IntegrationTests;

/// <summary>
/// Two web nodes on one PostgreSQL, each with its own local folder, behave as one: a sign-in cookie and a form token
/// made by one are good on the other, and a page taken off line on one is gone from the other's output cache at once.
/// </summary>
public sealed class TwoNodesTests(TwoNodesTests.Nodes nodes) : IClassFixture<TwoNodesTests.Nodes>
{
    [Fact]
    public async Task A_platform_sign_in_on_one_node_is_valid_on_the_other()
    {
        var cookies = await Nodes.SignInAsync(nodes.A);

        using var onB = Request(HttpMethod.Get, "/admin", cookies);
        var response = await nodes.B.CreateClient(NoRedirects).SendAsync(onB);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Zona Livornese", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_form_token_made_by_one_node_is_accepted_by_the_other()
    {
        var client = nodes.A.CreateClient(NoRedirects);
        var page = await client.GetAsync("/admin/login");
        var cookies = Cookies(page);
        var fields = HtmlForms.Fields(await page.Content.ReadAsStringAsync(), "form[action='/admin/login']")
            .Where(f => f.Key is not ("UserName" or "Password"))
            .Append(new("UserName", "admin"))
            .Append(new("Password", ZonaWelfareApp.AdminPassword));

        using var onB = Request(HttpMethod.Post, "/admin/login", cookies);
        onB.Content = new FormUrlEncodedContent(fields);
        var response = await nodes.B.CreateClient(NoRedirects).SendAsync(onB);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task A_settings_change_on_one_node_shows_on_every_page_of_the_other_within_two_seconds()
    {
        var citizenOnB = nodes.B.CreateClient(NoRedirects);
        var original = await SiteSettingsAsync();
        Assert.Contains(original["tagline"]!.GetValue<string>(), await citizenOnB.GetStringAsync("/livornese/"), StringComparison.Ordinal);
        // A search page is never the same twice here, so it reads the settings from B's own data cache.
        await citizenOnB.GetStringAsync("/livornese/bussola?q=anziani+" + Guid.NewGuid().ToString("N")[..6]);

        var changed = original.DeepClone().AsObject();
        changed["tagline"] = "Motto cambiato sul nodo A";
        await ApplySiteSettingsAsync(nodes.A, changed);
        try
        {
            Assert.True(
                await WithinAsync(TimeSpan.FromSeconds(2), async () => (await citizenOnB.GetStringAsync("/livornese/")).Contains("Motto cambiato sul nodo A", StringComparison.Ordinal)),
                "Node B's home page still showed the old tagline 2 s after node A changed it.");
            var search = await citizenOnB.GetStringAsync("/livornese/bussola?q=anziani+" + Guid.NewGuid().ToString("N")[..6]);
            Assert.Contains("Motto cambiato sul nodo A", search, StringComparison.Ordinal);
        }
        finally
        {
            await ApplySiteSettingsAsync(nodes.A, original);
        }
    }

    [Fact]
    public async Task A_page_unpublished_on_one_node_leaves_the_other_nodes_cache_within_two_seconds()
    {
        const string page = "/livornese/chi-siamo";
        var citizenOnB = nodes.B.CreateClient(NoRedirects);
        Assert.Equal(HttpStatusCode.OK, (await citizenOnB.GetAsync(page)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await citizenOnB.GetAsync(page)).StatusCode);   // now in B's output cache

        var cookies = await Nodes.SignInAsync(nodes.A);
        await PressAsync(nodes.A, cookies, "/livornese/admin/contents/livornese-chi-siamo/edit", "unpublish");
        Assert.True(await WithinAsync(TimeSpan.FromSeconds(2), async () => (await citizenOnB.GetAsync(page)).StatusCode == HttpStatusCode.NotFound), "Node B still served the page 2 s after node A unpublished it.");

        await PressAsync(nodes.A, cookies, "/livornese/admin/contents/livornese-chi-siamo/edit", "publish");
        Assert.True(await WithinAsync(TimeSpan.FromSeconds(2), async () => (await citizenOnB.GetAsync(page)).StatusCode == HttpStatusCode.OK), "Node B still answered 404 2 s after node A published the page again.");
    }

    private static readonly WebApplicationFactoryClientOptions NoRedirects = new() { AllowAutoRedirect = false, HandleCookies = false };

    private static async Task PressAsync(Node node, string cookies, string editor, string action)
    {
        using var get = Request(HttpMethod.Get, editor, cookies);
        var page = await node.CreateClient(NoRedirects).SendAsync(get);
        var target = editor[..^"edit".Length] + action;
        using var post = Request(HttpMethod.Post, target, cookies + "; " + Cookies(page));
        post.Content = new FormUrlEncodedContent(HtmlForms.Fields(await page.Content.ReadAsStringAsync(), $"form[action='{target}']"));
        Assert.Equal(HttpStatusCode.Redirect, (await node.CreateClient(NoRedirects).SendAsync(post)).StatusCode);
    }

    private static async Task<bool> WithinAsync(TimeSpan limit, Func<Task<bool>> condition)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < limit)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(50);
        }

        return await condition();
    }

    private static HttpRequestMessage Request(HttpMethod method, string path, string cookies)
    {
        var request = new HttpRequestMessage(method, path);
        if (cookies.Length > 0)
        {
            request.Headers.Add("Cookie", cookies);
        }

        return request;
    }

    /// <summary>The cookies a response sets, as a Cookie header.</summary>
    private static string Cookies(HttpResponseMessage response) =>
        string.Join("; ", response.Headers.TryGetValues("Set-Cookie", out var values)
            ? SetCookieHeaderValue.ParseList(values.ToList()).Select(c => $"{c.Name}={c.Value}")
            : []);

    /// <summary>Node A starts first and sets the store up; node B joins it. Each has its own data folder.</summary>
    private static async Task<System.Text.Json.Nodes.JsonObject> SiteSettingsAsync()
    {
        var recipe = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Recipes, "zona-livornese.recipe.json")))!;
        return recipe["steps"]!.AsArray().First(s => s!["name"]!.GetValue<string>() == "settings")!["sections"]!["site"]!.AsObject();
    }

    private static async Task ApplySiteSettingsAsync(Node node, System.Text.Json.Nodes.JsonObject site)
    {
        var recipe = new System.Text.Json.Nodes.JsonObject
        {
            ["name"] = "motto",
            ["displayName"] = "Motto",
            ["version"] = "1",
            ["steps"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject
            {
                ["name"] = "settings",
                ["sections"] = new System.Text.Json.Nodes.JsonObject { ["site"] = site.DeepClone() },
            }),
        };
        await node.Services.GetRequiredService<ZonaWelfare.Core.Zones.ZoneManager>()
            .ApplyAsync("livornese", ZonaWelfare.Core.Recipes.RecipeDocument.Parse(recipe.ToJsonString(), "motto.recipe.json"), "test");
    }

    public sealed class Nodes : IAsyncLifetime
    {
        private TestDatabase _database = null!;

        public Node A { get; private set; } = null!;

        public Node B { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            _database = await TestPostgres.CreateDatabaseAsync();
            A = new Node(_database.ConnectionString);
            _ = A.Server;
            B = new Node(_database.ConnectionString);
            _ = B.Server;
        }

        public async Task DisposeAsync()
        {
            await B.DisposeAsync();
            await A.DisposeAsync();
            await _database.DisposeAsync();
        }

        /// <summary>Signs the platform administrator in on <paramref name="node"/>; returns the Cookie header to send.</summary>
        public static async Task<string> SignInAsync(Node node)
        {
            var client = node.CreateClient(NoRedirects);
            var page = await client.GetAsync("/admin/login");
            var antiforgery = Cookies(page);
            var fields = HtmlForms.Fields(await page.Content.ReadAsStringAsync(), "form[action='/admin/login']")
                .Where(f => f.Key is not ("UserName" or "Password"))
                .Append(new("UserName", "admin"))
                .Append(new("Password", ZonaWelfareApp.AdminPassword));
            using var post = Request(HttpMethod.Post, "/admin/login", antiforgery);
            post.Content = new FormUrlEncodedContent(fields);
            var response = await client.SendAsync(post);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            return antiforgery + "; " + Cookies(response);
        }
    }

    /// <summary>A web node: the shipped host on the shared PostgreSQL, with a folder of its own.</summary>
    public sealed class Node(string connectionString) : WebApplicationFactory<Program>
    {
        private readonly TempFolder _folder = new();

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            _folder.Dispose();
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment(ZonaWelfareHostingExtensions.TestingEnvironment);
            builder.UseSetting("Storage:Provider", "Postgres");
            builder.UseSetting("ConnectionStrings:Postgres", connectionString);
            builder.UseSetting("Storage:DataPath", _folder.Path);
            builder.UseSetting("Platform:AdminPassword", ZonaWelfareApp.AdminPassword);

            // Each node a machine of its own. Without a shared key ring a node keeps its keys in its user profile: in
            // one test process both nodes would find the same profile folder and agree by chance, not by design.
            builder.ConfigureTestServices(services => services.PostConfigure<KeyManagementOptions>(options =>
                options.XmlRepository ??= new FileSystemXmlRepository(new DirectoryInfo(Path.Combine(_folder.Path, "node-keys")), NullLoggerFactory.Instance)));
        }
    }
}
