using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using ZonaWelfare.Core.Hosting;
using ZonaWelfare.Testing;

namespace ZonaWelfare.Modules.Bussola.Tests;

/// <summary>
/// A host started again over zones that already exist, as in production after a deploy: nothing is set up at start,
/// so the platform's route checks see every endpoint from the first request on. A service taken off line must still
/// publish again: its address is under the Bussola's own <c>bussola/</c>, which the Bussola's search page answers.
/// </summary>
public sealed class RestartedHostTests
{
    [Fact]
    public async Task After_a_restart_a_service_taken_off_line_publishes_again()
    {
        using var folder = new TempFolder();
        await using (var first = new Host(folder))
        {
            _ = first.Server;
        }

        await using var restarted = new Host(folder);
        var client = await restarted.SignInAsync();
        const string editor = "/grossetana/admin/contents/srv-gr-assistenza-domiciliare/edit";
        const string page = "/grossetana/bussola/servizi/assistenza-domiciliare";

        await PressAsync(client, editor, "unpublish");
        Assert.Equal(HttpStatusCode.NotFound, (await restarted.CreateClient().GetAsync(page)).StatusCode);
        await PressAsync(client, editor, "publish");

        var html = WebUtility.HtmlDecode(await client.GetStringAsync(editor));
        Assert.DoesNotContain("è riservato a un'altra sezione del sito", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await restarted.CreateClient().GetAsync(page)).StatusCode);
    }

    private static async Task PressAsync(HttpClient client, string editor, string action)
    {
        var html = await client.GetStringAsync(editor);
        var target = editor[..^"edit".Length] + action;
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostAsync(target, new FormUrlEncodedContent(HtmlForms.Fields(html, $"form[action='{target}']")))).StatusCode);
    }

    private sealed class Host(TempFolder folder) : WebApplicationFactory<Program>
    {
        private const string Password = "Prova-Riavvio-2026";

        public async Task<HttpClient> SignInAsync()
        {
            var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            var login = await client.GetStringAsync("/admin/login");
            var fields = HtmlForms.Fields(login, "form[action='/admin/login']").Where(f => f.Key is not ("UserName" or "Password"))
                .Append(new("UserName", "admin")).Append(new("Password", Password));
            Assert.Equal(HttpStatusCode.Redirect, (await client.PostAsync("/admin/login", new FormUrlEncodedContent(fields))).StatusCode);
            return client;
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment(ZonaWelfareHostingExtensions.TestingEnvironment);
            builder.UseSetting("Storage:DataPath", folder.Path);
            builder.UseSetting("Platform:AdminPassword", Password);
        }
    }
}
