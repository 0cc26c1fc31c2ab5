using System.Net;

namespace ZonaWelfare.Web.IntegrationTests;

/// <summary>
/// The platform administration as people meet it at the worst moment: a double click (here six) on "Crea la zona",
/// and addresses of a zone that does not exist.
/// </summary>
public abstract class ZoneCreationHttpTests(ZonaWelfareApp app)
{
    [Fact]
    public async Task Six_simultaneous_creations_of_one_zone_give_one_zone_and_five_clear_refusals()
    {
        var client = await app.PlatformAdminAsync();
        var page = await client.GetStringAsync("/admin/zones/new");
        var fields = HtmlForms.Fields(page, "form[action='/admin/zones/new']")
            .Where(f => f.Key is not ("Slug" or "RecipeFile"))
            .Append(new("Slug", "doppio-clic"))
            .Append(new("RecipeFile", "zona-base.recipe.json"))
            .ToList();

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => client.PostAsync("/admin/zones/new", HtmlForms.Multipart(fields))));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Redirect);
        var refused = responses.Where(r => r.StatusCode != HttpStatusCode.Redirect).ToList();
        Assert.All(refused, r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        foreach (var response in refused)
        {
            Assert.Contains("La zona «doppio-clic» esiste già", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }

        // The zone that won is whole and serves its pages.
        Assert.Equal(HttpStatusCode.OK, (await app.Client().GetAsync("/doppio-clic/")).StatusCode);
        // (The "Zona «…» creata" notice is TempData: a refused request finishing later may clear it, so not asserted.)
        var details = WebUtility.HtmlDecode(await client.GetStringAsync("/admin/zones/doppio-clic"));
        Assert.Contains("href=\"/doppio-clic/\"", details, StringComparison.Ordinal);
        Assert.Contains("Ricetta: ", details, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin/zones/doppio-clic/export")).StatusCode);
    }

    [Theory]
    [InlineData("GET", "/admin/zones/nessuna")]
    [InlineData("GET", "/admin/zones/nessuna/export")]
    [InlineData("POST", "/admin/zones/nessuna/state")]
    [InlineData("POST", "/admin/zones/nessuna/modules")]
    public async Task The_administration_of_a_zone_that_does_not_exist_answers_404(string method, string path)
    {
        var client = await app.PlatformAdminAsync();
        var admin = await client.GetStringAsync("/admin");
        var token = HtmlForms.Fields(admin, "form[action='/admin/logout']").Where(f => f.Key == "__RequestVerificationToken");

        var response = method == "GET"
            ? await client.GetAsync(path)
            : await client.PostAsync(path, new FormUrlEncodedContent(token.Append(new("running", "false")).Append(new("module", "opendata")).Append(new("enable", "true"))));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}

public sealed class SqliteZoneCreationHttpTests(SqliteApp app) : ZoneCreationHttpTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresZoneCreationHttpTests(PostgresApp app) : ZoneCreationHttpTests(app), IClassFixture<PostgresApp>;
