using System.Net;
using static ZonaWelfare.Web.IntegrationTests.ContentsForms;

namespace ZonaWelfare.Web.IntegrationTests;

/// <summary>The role matrix with real zone users of the Users module: signed in at the zone's own login page.</summary>
public sealed class ContentsZoneUsersTests(ContentsSqliteApp app) : IClassFixture<ContentsSqliteApp>
{
    private const string Password = "Prova-Contenuti-2026!";

    private const string Recipe = """
        {
          "name": "ruoli", "displayName": "Ruoli", "version": "1",
          "steps": [
            { "name": "features", "enable": [ "contents" ] },
            { "name": "roles", "roles": [ { "name": "Redattore" }, { "name": "Ufficio di Piano" } ] },
            { "name": "users", "users": [
              { "userName": "r.bianchi", "email": "r.bianchi@example.org", "roles": [ "Redattore" ], "password": "Prova-Contenuti-2026!" },
              { "userName": "udp.ruoli", "email": "udp@example.org", "roles": [ "Ufficio di Piano" ], "password": "Prova-Contenuti-2026!" }
            ] },
            { "name": "contentTypes", "types": [ { "name": "Pagina", "displayName": "Pagina", "parts": [ "TitlePart", "AutoroutePart" ], "settings": { "routePattern": "{slug}" },
              "fields": [ { "name": "Corpo", "displayName": "Corpo", "type": "markdown", "required": true } ] } ] }
          ]
        }
        """;

    [Fact]
    public async Task A_redattore_signed_in_at_the_zone_saves_drafts_but_cannot_publish_and_the_ufficio_di_piano_publishes()
    {
        await EnsureZoneAsync();

        var redattore = await SignInAsync("r.bianchi");
        var form = await redattore.GetStringAsync("/ruoli/admin/contents/new/Pagina");
        Assert.DoesNotContain("value=\"publish\"", form, StringComparison.Ordinal);
        var saved = await redattore.PostAsync("/ruoli/admin/contents/new/Pagina", Form(form, ("newItemId", Hidden(form, "newItemId")), ("TitlePart.Title", "Orari estivi"), ("field-Corpo", "Dal 1° luglio."), ("intent", "save")));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var id = saved.Headers.Location!.OriginalString.Split('/')[^2];
        var editor = await redattore.GetStringAsync($"/ruoli/admin/contents/{id}/edit");
        Assert.Equal(HttpStatusCode.Forbidden, (await redattore.PostAsync($"/ruoli/admin/contents/{id}/publish", Form(editor))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client().GetAsync("/ruoli/orari-estivi")).StatusCode);

        var udp = await SignInAsync("udp.ruoli");
        var udpEditor = await udp.GetStringAsync($"/ruoli/admin/contents/{id}/edit");
        Assert.Equal(HttpStatusCode.Redirect, (await udp.PostAsync($"/ruoli/admin/contents/{id}/publish", Form(udpEditor))).StatusCode);
        Assert.Contains("Dal 1° luglio.", WebUtility.HtmlDecode(await app.Client().GetStringAsync("/ruoli/orari-estivi")), StringComparison.Ordinal);

        var audit = WebUtility.HtmlDecode(await udp.GetStringAsync($"/ruoli/admin/audit?item={id}"));
        Assert.Contains("r.bianchi", audit, StringComparison.Ordinal);
        Assert.Contains("udp.ruoli", audit, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Forbidden, (await redattore.PostAsync($"/ruoli/admin/contents/{id}/delete", Form(editor))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await redattore.GetAsync("/ruoli/admin/content-types")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await redattore.GetAsync("/ruoli/admin/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await udp.GetAsync("/ruoli/admin/content-types")).StatusCode);
    }

    [Fact]
    public async Task The_admin_menu_offers_a_redattore_the_contents_only_and_the_zone_cookie_opens_no_other_zone()
    {
        await EnsureZoneAsync();
        var redattore = await SignInAsync("r.bianchi");

        var menu = WebUtility.HtmlDecode(await redattore.GetStringAsync("/ruoli/admin"));
        Assert.Contains("href=\"/ruoli/admin/contents\"", menu, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/ruoli/admin/content-types\"", menu, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/ruoli/admin/audit\"", menu, StringComparison.Ordinal);

        var other = await redattore.GetAsync("/livornese/admin/contents");
        Assert.Equal(HttpStatusCode.Redirect, other.StatusCode);
        Assert.StartsWith("/livornese/account/login", other.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
    }

    private async Task EnsureZoneAsync()
    {
        if (await Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<ZonaWelfare.Abstractions.Zones.IZoneRegistry>(app.Services).FindBySlugAsync("ruoli") is null)
        {
            await app.CreateZoneAsync("ruoli", Recipe);
        }
    }

    private async Task<HttpClient> SignInAsync(string userName)
    {
        var client = app.Client();
        var page = await client.GetStringAsync("/ruoli/account/login");
        var response = await client.PostAsync("/ruoli/account/login", Form(page, ("UserName", userName), ("Password", Password)));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }
}
