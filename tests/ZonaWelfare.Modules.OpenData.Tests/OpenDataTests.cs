using System.Net;
using System.Text;
using System.Text.Json;
using ZonaWelfare.Core.Recipes;
using static ZonaWelfare.Modules.OpenData.Tests.OpenDataApp;

namespace ZonaWelfare.Modules.OpenData.Tests;

/// <summary>A zone's open data through HTTP: its page, its comuni as JSON and CSV, only its own, only where the module is on.</summary>
public abstract class OpenDataTests(OpenDataApp app)
{
    [Fact]
    public async Task The_page_lists_the_zones_datasets_with_their_downloads()
    {
        var response = await app.Client().GetAsync($"/{Costa}/opendata");
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<h1>Dati aperti</h1>", page, StringComparison.Ordinal);
        Assert.Contains("I dati della Zona della Costa sono pubblicati in formato aperto", page, StringComparison.Ordinal);
        Assert.Contains("I 3 comuni che fanno parte della zona.", page, StringComparison.Ordinal);
        Assert.Contains($"href=\"/{Costa}/opendata/comuni.csv\" download", page, StringComparison.Ordinal);
        Assert.Contains($"href=\"/{Costa}/opendata/comuni.json\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_comuni_as_json_name_the_zone_its_organization_and_every_comune_in_order()
    {
        var json = await app.GetJsonAsync($"/{Costa}/opendata/comuni.json");

        Assert.Equal(Costa, json.GetProperty("zona").GetString());
        Assert.Equal("Zona della Costa", json.GetProperty("nome").GetString());
        Assert.Equal("Società della Salute – Zona della Costa", json.GetProperty("ente").GetString());
        Assert.Equal(
            ["Rosignano Marittimo", "Castagneto Carducci", "Bibbona; frazione \"La California\""],
            json.GetProperty("comuni").EnumerateArray().Select(c => c.GetString()));
    }

    [Fact]
    public async Task The_comuni_as_csv_open_in_a_spreadsheet_with_semicolons_quotes_and_accents_intact()
    {
        var response = await app.Client().GetAsync($"/{Costa}/opendata/comuni.csv");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.Equal($"comuni-{Costa}.csv", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        // The byte order mark tells spreadsheet programs the text is UTF-8.
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        Assert.Equal(
            [
                "zona;nome_zona;comune",
                "costa;Zona della Costa;Rosignano Marittimo",
                "costa;Zona della Costa;Castagneto Carducci",
                "costa;Zona della Costa;\"Bibbona; frazione \"\"La California\"\"\"",
            ],
            Encoding.UTF8.GetString(bytes[3..]).Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Each_zone_publishes_only_its_own_comuni()
    {
        var client = app.Client();

        var colline = await app.GetJsonAsync($"/{Colline}/opendata/comuni.json");
        var csv = await client.GetStringAsync($"/{Colline}/opendata/comuni.csv");
        var page = WebUtility.HtmlDecode(await client.GetStringAsync($"/{Colline}/opendata"));

        Assert.Equal(["Volterra", "Pomarance"], colline.GetProperty("comuni").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("Società della Salute – Zona delle Colline", colline.GetProperty("ente").GetString());
        Assert.DoesNotContain("Rosignano", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("costa", csv, StringComparison.Ordinal);
        Assert.Contains("I dati della Zona delle Colline", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Costa", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_host_name_the_zone_claims_reaches_its_open_data_without_the_path_prefix()
    {
        var client = app.Client(host: CostaHost);

        var json = JsonDocument.Parse(await client.GetStringAsync("/opendata/comuni.json")).RootElement;
        var page = WebUtility.HtmlDecode(await client.GetStringAsync("/opendata"));

        Assert.Equal(Costa, json.GetProperty("zona").GetString());
        Assert.Contains("href=\"/opendata/comuni.csv\"", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("opendata")]
    [InlineData("opendata/comuni.json")]
    [InlineData("opendata/comuni.csv")]
    public async Task A_zone_without_the_module_answers_404_where_the_others_publish(string path)
    {
        var client = app.Client();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/{SenzaDati}/{path}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/{Costa}/{path}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/{SenzaDati}/")).StatusCode);
    }

    [Fact]
    public async Task Only_zones_with_the_module_link_the_open_data_from_their_home_page()
    {
        var client = app.Client();

        Assert.Contains($"href=\"/{Costa}/opendata\"", await client.GetStringAsync($"/{Costa}/"), StringComparison.Ordinal);
        Assert.DoesNotContain("/opendata", await client.GetStringAsync($"/{SenzaDati}/"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Enabling_and_disabling_the_module_publishes_and_withdraws_the_open_data_at_once()
    {
        const string slug = "accendispegni";
        await app.CreateZoneAsync(slug, Recipe("Zona che cambia", ["Cecina"], ["users"]));
        var client = app.Client();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/{slug}/opendata/comuni.json")).StatusCode);

        Assert.True((await app.Zones.ChangeModulesAsync(slug, ["opendata"], [])).Succeeded);
        Assert.Equal(["Cecina"], (await app.GetJsonAsync($"/{slug}/opendata/comuni.json")).GetProperty("comuni").EnumerateArray().Select(c => c.GetString()));

        await app.Zones.ApplyAsync(slug, RecipeDocument.Parse(Recipe("Zona che cambia", ["Cecina", "Riparbella"], ["opendata"]), "test.recipe.json"), "test");
        Assert.Equal(["Cecina", "Riparbella"], (await app.GetJsonAsync($"/{slug}/opendata/comuni.json")).GetProperty("comuni").EnumerateArray().Select(c => c.GetString()));

        Assert.True((await app.Zones.ChangeModulesAsync(slug, [], ["opendata"])).Succeeded);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/{slug}/opendata")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/{slug}/opendata/comuni.csv")).StatusCode);
    }
}

[Collection(SqliteOpenDataCollection.Name)]
public sealed class SqliteOpenDataTests(SqliteOpenDataApp app) : OpenDataTests(app);

[Collection(PostgresOpenDataCollection.Name)]
public sealed class PostgresOpenDataTests(PostgresOpenDataApp app) : OpenDataTests(app);
