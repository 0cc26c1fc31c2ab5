using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using ZonaWelfare.Abstractions.Zones;

namespace ZonaWelfare.Web.IntegrationTests;

/// <summary>The platform admin pages: sign-in with lockout, antiforgery, creating a zone from a recipe.</summary>
public sealed partial class PlatformAdminTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task Anonymous_visitors_are_sent_to_the_login_page()
    {
        var response = await app.Client().GetAsync("/admin");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/admin/login", response.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admin_pages_do_not_exist_inside_a_zone()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client().GetAsync("/livornese/admin/zones/new")).StatusCode);
    }

    [Fact]
    public async Task A_form_post_without_antiforgery_token_is_refused()
    {
        var response = await app.Client().PostAsync("/admin/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["UserName"] = "admin", ["Password"] = ZonaWelfareApp.AdminPassword }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_and_repeated_failures_lock_the_account()
    {
        await app.Services.GetRequiredService<ZonaWelfare.Core.Platform.PlatformUsers>().CreateAsync("bloccato", "Giusta-Password-1");
        var client = app.Client();

        for (var i = 0; i < 4; i++)
        {
            var failed = await LoginAsync(client, "bloccato", "sbagliata");
            Assert.Equal(HttpStatusCode.BadRequest, failed.StatusCode);
            Assert.Contains("Nome utente o password non corretti.", await failed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var locked = await LoginAsync(client, "bloccato", "sbagliata");
        Assert.Contains("bloccato per 15 minuti", await locked.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var evenRight = await LoginAsync(client, "bloccato", "Giusta-Password-1");
        Assert.Equal(HttpStatusCode.BadRequest, evenRight.StatusCode);
        Assert.Contains("bloccato per 15 minuti", await evenRight.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_lists_the_zones_and_creates_one_from_a_recipe_of_the_library()
    {
        var client = await SignedInAsync();

        var list = await client.GetStringAsync("/admin");
        Assert.Contains("Zona Livornese", list, StringComparison.Ordinal);
        Assert.Contains("Area Grossetana", list, StringComparison.Ordinal);

        var form = await client.GetStringAsync("/admin/zones/new");
        Assert.Contains("zona-base.recipe.json", form, StringComparison.Ordinal);
        var created = await client.PostAsync("/admin/zones/new", Form(form, ("Slug", "valdera"), ("RecipeFile", "zona-base.recipe.json")));

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal("/admin/zones/valdera", created.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/valdera/")).StatusCode);
        var details = await client.GetStringAsync("/admin/zones/valdera");
        Assert.Contains("Zona «valdera» creata", details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_uploaded_invalid_recipe_is_refused_with_its_line_and_nothing_is_written()
    {
        var client = await SignedInAsync();
        var form = await client.GetStringAsync("/admin/zones/new");
        const string recipe = "{\n  \"name\": \"caricata\",\n  \"displayName\": \"Caricata\",\n  \"version\": \"1\",\n  \"steps\": [\n    { \"name\": \"features\", \"enable\": [ \"inesistente\" ] }\n  ]\n}";
        using var content = Form(form, ("Slug", "caricata"));
        var file = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(recipe));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        content.Add(file, "upload", "caricata.recipe.json");

        var response = await client.PostAsync("/admin/zones/new", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("passo 1 «features», $.steps[0].enable[0] (riga 6): il modulo 'inesistente' non esiste", html, StringComparison.Ordinal);
        Assert.Null(await app.Services.GetRequiredService<IZoneRegistry>().FindBySlugAsync("caricata"));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/caricata/")).StatusCode);
    }

    [Fact]
    public async Task A_reserved_slug_is_refused_with_a_message()
    {
        var client = await SignedInAsync();
        var form = await client.GetStringAsync("/admin/zones/new");

        var response = await client.PostAsync("/admin/zones/new", Form(form, ("Slug", "admin"), ("RecipeFile", "zona-base.recipe.json")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("parola riservata", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disabling_a_module_needed_by_another_is_refused_from_the_admin_page()
    {
        await app.CreateZoneAsync("dipendenze", """{ "name": "d", "displayName": "D", "version": "1", "steps": [ { "name": "features", "enable": [ "beta" ] } ] }""");
        var client = await SignedInAsync();
        var page = await client.GetStringAsync("/admin/zones/dipendenze");

        var response = await client.PostAsync("/admin/zones/dipendenze/modules", Form(page, ("module", "alpha"), ("enable", "false")));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = WebUtility.HtmlDecode(await client.GetStringAsync("/admin/zones/dipendenze"));
        Assert.Contains("impossibile disattivare «Alfa» (alpha): il modulo «Beta» (beta)", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_export_downloads_a_recipe_of_the_zone()
    {
        var client = await SignedInAsync();

        var response = await client.GetAsync("/admin/zones/grossetana/export");

        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var json = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"Roccastrada\"", json, StringComparison.Ordinal);
        Assert.Contains("\"opendata\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_platform_admin_inside_a_zone_signs_out_of_the_platform()
    {
        var client = await SignedInAsync();
        var zoneAdmin = await client.GetStringAsync("/livornese/admin");
        Assert.Contains("action=\"/admin/logout\"", zoneAdmin, StringComparison.Ordinal);

        var signedOut = await client.PostAsync("/admin/logout", Form(zoneAdmin));

        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/admin")).StatusCode);
    }

    private async Task<HttpClient> SignedInAsync()
    {
        var client = app.Client();
        var response = await LoginAsync(client, "admin", ZonaWelfareApp.AdminPassword);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    private static async Task<HttpResponseMessage> LoginAsync(HttpClient client, string user, string password)
    {
        var page = await client.GetStringAsync("/admin/login");
        return await client.PostAsync("/admin/login", Form(page, ("UserName", user), ("Password", password)));
    }

    private static MultipartFormDataContent Form(string page, params (string Name, string Value)[] fields)
    {
        var content = new MultipartFormDataContent { { new StringContent(Token().Match(page).Groups[1].Value), "__RequestVerificationToken" } };
        foreach (var (name, value) in fields)
        {
            content.Add(new StringContent(value), name);
        }

        return content;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
