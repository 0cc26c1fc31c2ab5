using System.Net;
using System.Net.Http.Json;
using ZonaWelfare.Abstractions.Zones;
using ZonaWelfare.Testing.Modules;

namespace ZonaWelfare.Web.IntegrationTests;

/// <summary>Zones through HTTP, on SQLite and on PostgreSQL.</summary>
public abstract class ZoneHttpTests(ZonaWelfareApp app)
{
    [Fact]
    public async Task The_home_page_lists_both_zones_in_italian()
    {
        var html = await app.Client().GetStringAsync("/");

        Assert.Contains("<html lang=\"it\">", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/livornese/\">Zona Livornese</a>", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/grossetana/\">Area Grossetana</a>", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/livornese/", "Zona Livornese", new[] { "Livorno", "Collesalvetti", "Capraia Isola" })]
    [InlineData("/grossetana/", "Area Grossetana", new[] { "Grosseto", "Campagnatico", "Castiglione della Pescaia", "Civitella Paganico", "Roccastrada", "Scansano" })]
    public async Task Each_zone_answers_with_its_name_and_comuni(string path, string name, string[] comuni)
    {
        var response = await app.Client().GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains($"<h1>{name}</h1>", html, StringComparison.Ordinal);
        foreach (var comune in comuni)
        {
            Assert.Contains($"<li>{comune}</li>", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_zone_path_without_trailing_slash_redirects_to_the_zone_root()
    {
        var response = await app.Client().GetAsync("/livornese");

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal("/livornese/", response.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("/sconosciuta/")]
    [InlineData("/sconosciuta/opendata")]
    [InlineData("/api/sconosciuta/services")]
    public async Task An_unknown_zone_is_404(string path)
    {
        var response = await app.Client().GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        if (path.StartsWith("/api/", StringComparison.Ordinal))
        {
            // Clients of the APIs get a problem document, not an HTML page.
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("\"status\":404", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        else
        {
            Assert.Contains("Pagina non trovata", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_endpoint_of_a_module_the_zone_has_not_enabled_is_404()
    {
        await app.CreateZoneAsync("solo-alfa", """{ "name": "a", "displayName": "A", "version": "1", "steps": [ { "name": "zone", "displayName": "Zona Solo Alfa", "comuni": [ "Alfa" ] }, { "name": "features", "enable": [ "alpha" ] } ] }""");
        var client = app.Client();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/solo-alfa/alpha")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/solo-alfa/beta")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/solo-alfa/opendata")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/solo-alfa/opendata/comuni.csv")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/livornese/opendata")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/livornese/opendata/comuni.csv")).StatusCode);
    }

    [Fact]
    public async Task Disabling_a_module_makes_its_endpoints_404_at_once_and_enabling_brings_them_back()
    {
        await app.CreateZoneAsync("interruttore", """{ "name": "i", "displayName": "I", "version": "1", "steps": [ { "name": "features", "enable": [ "opendata" ] } ] }""");
        var client = app.Client();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/interruttore/opendata/comuni.json")).StatusCode);

        Assert.True((await app.Zones.ChangeModulesAsync("interruttore", [], ["opendata"])).Succeeded);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/interruttore/opendata/comuni.json")).StatusCode);

        Assert.True((await app.Zones.ChangeModulesAsync("interruttore", ["opendata"], [])).Succeeded);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/interruttore/opendata/comuni.json")).StatusCode);
    }

    [Fact]
    public async Task Data_written_in_one_zone_is_invisible_from_the_other()
    {
        await app.CreateZoneAsync("nord", """{ "name": "n", "displayName": "N", "version": "1", "steps": [ { "name": "features", "enable": [ "notes" ] } ] }""");
        await app.CreateZoneAsync("sud", """{ "name": "s", "displayName": "S", "version": "1", "steps": [ { "name": "features", "enable": [ "notes" ] } ] }""");
        var client = app.Client();

        var created = await client.PostAsJsonAsync("/nord/notes", new NoteDto("riservata", "Solo per la zona nord"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        Assert.Equal([new NoteDto("riservata", "Solo per la zona nord")], await client.GetFromJsonAsync<List<NoteDto>>("/nord/notes"));
        Assert.Empty((await client.GetFromJsonAsync<List<NoteDto>>("/sud/notes"))!);
    }

    [Fact]
    public async Task Settings_of_one_zone_do_not_show_in_the_other()
    {
        var livornese = await app.Client().GetStringAsync("/livornese/");
        var grossetana = await app.Client().GetStringAsync("/grossetana/");

        Assert.Contains("Piano di Inclusione Zonale", livornese, StringComparison.Ordinal);
        Assert.DoesNotContain("Piano di Inclusione Zonale", grossetana, StringComparison.Ordinal);
        Assert.Contains("COeSO", grossetana, StringComparison.Ordinal);
        Assert.DoesNotContain("COeSO", livornese, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_zone_is_reached_by_a_host_name_it_claims()
    {
        await app.CreateZoneAsync("collina", """{ "name": "c", "displayName": "C", "version": "1", "steps": [ { "name": "zone", "displayName": "Zona delle Colline", "comuni": [ "Poggio" ], "hostNames": [ "colline.zonawelfare.test" ] }, { "name": "features", "enable": [ "opendata" ] } ] }""");
        var client = app.Client(host: "colline.zonawelfare.test");

        var home = await client.GetStringAsync("/");
        Assert.Contains("<h1>Zona delle Colline</h1>", home, StringComparison.Ordinal);
        Assert.Contains("href=\"/opendata\"", home, StringComparison.Ordinal);
        Assert.Contains("Poggio", await client.GetStringAsync("/opendata/comuni.csv"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_disabled_zone_answers_404_until_it_is_enabled_again()
    {
        await app.CreateZoneAsync("sospesa", """{ "name": "s", "displayName": "S", "version": "1", "steps": [ { "name": "zone", "displayName": "Zona Sospesa", "comuni": [ "Uno" ] } ] }""");
        var client = app.Client();

        await app.Zones.SetStateAsync("sospesa", ZoneState.Disabled);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/sospesa/")).StatusCode);
        Assert.DoesNotContain("Zona Sospesa", await client.GetStringAsync("/"), StringComparison.Ordinal);

        await app.Zones.SetStateAsync("sospesa", ZoneState.Running);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/sospesa/")).StatusCode);
    }

    [Fact]
    public async Task Zone_links_carry_the_zone_prefix()
    {
        var html = await app.Client().GetStringAsync("/grossetana/");

        Assert.Contains("href=\"/grossetana/opendata\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/grossetana/\"", html, StringComparison.Ordinal);
    }
}

/// <summary>
/// One SQLite host for the zone-level HTTP tests below: each first run sets up both example zones, and these
/// classes only add zones of their own names or read, so they share it (one at a time).
/// </summary>
[CollectionDefinition(Name)]
public sealed class SqliteZonesCollection : ICollectionFixture<SqliteApp>
{
    public const string Name = "zones over HTTP on SQLite";
}

[Collection(SqliteZonesCollection.Name)]
public sealed class SqliteZoneHttpTests(SqliteApp app) : ZoneHttpTests(app);

public sealed class PostgresZoneHttpTests(PostgresApp app) : ZoneHttpTests(app), IClassFixture<PostgresApp>;

/// <summary>Requests for unknown zones must not grow the registry cache without bound.</summary>
[Collection(SqliteZonesCollection.Name)]
public sealed class ZoneRegistryCacheTests(SqliteApp app)
{
    [Fact]
    public async Task Thousands_of_unknown_paths_and_hosts_keep_the_registry_cache_bounded()
    {
        var registry = (ZonaWelfare.Core.Zones.ZoneRegistry)Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<IZoneRegistry>(app.Services);
        var client = app.Client();

        for (var i = 0; i < ZonaWelfare.Core.Zones.ZoneRegistry.MaxCachedLookups + 500; i++)
        {
            await registry.FindBySlugAsync($"inesistente-{i}");
            await registry.FindByHostAsync($"host-{i}.example");
        }

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/inesistente-x/")).StatusCode);
        Assert.True(registry.CachedLookups <= 2 * (ZonaWelfare.Core.Zones.ZoneRegistry.MaxCachedLookups + 1), $"{registry.CachedLookups} cached look-ups");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/livornese/")).StatusCode);
    }
}

/// <summary>The themes' static assets are served, at the platform root and under each zone's prefix.</summary>
[Collection(SqliteZonesCollection.Name)]
public sealed class StaticAssetTests(SqliteApp app)
{
    [Theory]
    [InlineData("/_content/ZonaWelfare.Themes.Public/css/public.css")]
    [InlineData("/livornese/_content/ZonaWelfare.Themes.Public/css/public.css")]
    [InlineData("/_content/ZonaWelfare.Themes.Admin/css/admin.css")]
    public async Task Theme_stylesheets_are_served(string path)
    {
        var response = await app.Client().GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/css", response.Content.Headers.ContentType?.MediaType);
    }
}

/// <summary>Many first requests at once to a zone activate it once and all succeed.</summary>
[Collection(SqliteZonesCollection.Name)]
public sealed class ZoneActivationTests(SqliteApp app)
{
    [Fact]
    public async Task Concurrent_first_requests_to_a_new_zone_all_succeed()
    {
        await app.CreateZoneAsync("affollata", """{ "name": "a", "displayName": "A", "version": "1", "steps": [ { "name": "zone", "displayName": "Zona Affollata", "comuni": [ "Uno" ] }, { "name": "features", "enable": [ "opendata" ] } ] }""");
        var client = app.Client();

        var responses = await Task.WhenAll(Enumerable.Range(0, 24).Select(i => client.GetAsync(i % 2 == 0 ? "/affollata/" : "/affollata/opendata/comuni.json")));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
    }
}
