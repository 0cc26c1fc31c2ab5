using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ZonaWelfare.Abstractions.Search;
using ZonaWelfare.Abstractions.Zones;

namespace ZonaWelfare.Web.IntegrationTests;

/// <summary>The Bussola dei servizi over the example data of the shipped Livornese and Grossetana recipes.</summary>
public abstract class BussolaTests(ContentsApp app)
{
    [Fact]
    public async Task Anziani_finds_services_worded_with_anziano_or_terza_eta()
    {
        var ids = await SearchIdsAsync("grossetana", "anziani");

        Assert.Contains("srv-gr-centro-diurno-melograno", ids);
        Assert.Contains("srv-gr-roccastrada-pasti-domicilio", ids);
        Assert.Contains("srv-gr-castiglione-soggiorni-estivi", ids);
    }

    [Fact]
    public async Task Disabili_finds_services_that_say_disabilita()
    {
        Assert.Contains("srv-gr-castiglione-trasporto-disabili", await SearchIdsAsync("grossetana", "disabili"));
    }

    [Fact]
    public async Task A_typo_still_finds_the_services_for_the_elderly()
    {
        var results = await SearchAsync("grossetana", new SearchQuery { Text = "anzini", Types = ["Servizio"], PageSize = 100 });

        Assert.NotEmpty(results.Hits);
        Assert.Contains("srv-gr-roccastrada-pasti-domicilio", results.Hits.Select(h => h.Id));
    }

    [Fact]
    public async Task A_zone_finds_only_its_own_services()
    {
        foreach (var text in new[] { "anziani", "disabili", "", "Grosseto" })
        {
            var results = await SearchAsync("livornese", new SearchQuery { Text = text, PageSize = 200 });
            Assert.All(results.Hits, h => Assert.DoesNotContain("-gr-", h.Id, StringComparison.Ordinal));
        }

        Assert.Equal(59, (await SearchAsync("livornese", new SearchQuery { Types = ["Servizio"], PageSize = 1 })).Total);
    }

    [Fact]
    public async Task Filtering_by_comune_keeps_the_services_with_a_location_there()
    {
        var results = await SearchAsync("grossetana", new SearchQuery
        {
            Types = ["Servizio"],
            Filters = new Dictionary<string, IReadOnlyList<string>> { ["comune"] = ["Roccastrada"] },
            Facets = ["comune"],
            PageSize = 100,
        });

        Assert.Equal(15, results.Total);
        Assert.Contains("srv-gr-roccastrada-pasti-domicilio", results.Hits.Select(h => h.Id));
        Assert.Contains(results.Facets["comune"], f => f.Value == "Grosseto" && f.Count == 52);

        await CatchUpAsync("grossetana");
        var page = WebUtility.HtmlDecode(await app.Client().GetStringAsync("/grossetana/bussola?comune=Roccastrada"));
        Assert.Contains("15 servizi trovati", page, StringComparison.Ordinal);
        Assert.Contains("comune=Roccastrada&pagina=2", page, StringComparison.Ordinal);
        Assert.Contains("value=\"Roccastrada\" checked=\"checked\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_search_page_marks_the_words_and_offers_a_suggestion_when_nothing_matches()
    {
        await CatchUpAsync("grossetana");
        var client = app.Client();

        var page = WebUtility.HtmlDecode(await client.GetStringAsync("/grossetana/bussola?q=assistenza+domiciliare"));
        Assert.Contains("<mark>", page, StringComparison.Ordinal);
        Assert.Contains("Bussola dei servizi", page, StringComparison.Ordinal);
        Assert.Contains("bussola.js", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/_content/ZonaWelfare.Modules.Bussola/bussola.js")).StatusCode);

        var none = WebUtility.HtmlDecode(await client.GetStringAsync("/grossetana/bussola?q=zzzqqq"));
        Assert.Contains("Nessun servizio corrisponde alla ricerca", none, StringComparison.Ordinal);
        Assert.Contains("Vedi tutti i servizi", none, StringComparison.Ordinal);

        var suggestions = JsonSerializer.Deserialize<string[]>(await client.GetStringAsync("/grossetana/bussola/suggerimenti?q=anz"));
        Assert.NotNull(suggestions);
        Assert.NotEmpty(suggestions);
    }

    [Fact]
    public async Task The_service_page_shows_contacts_locations_and_json_ld()
    {
        var page = WebUtility.HtmlDecode(await app.Client().GetStringAsync("/livornese/bussola/servizi/assistenza-domiciliare"));

        Assert.Contains("Assistenza domiciliare per persone anziane", page, StringComparison.Ordinal);
        Assert.Contains("0586 000 120", page, StringComparison.Ordinal);
        Assert.Contains("sociale.livorno@esempio.it", page, StringComparison.Ordinal);
        Assert.Contains("Via Cogorano 25", page, StringComparison.Ordinal);
        Assert.Contains("A chi si rivolge", page, StringComparison.Ordinal);
        Assert.Contains("Comune di Livorno", page, StringComparison.Ordinal);
        Assert.Contains("application/ld+json", page, StringComparison.Ordinal);
        Assert.Contains("\"@type\":\"GovernmentService\"", page, StringComparison.Ordinal);
        Assert.True(page.IndexOf("application/ld+json", StringComparison.Ordinal) < page.IndexOf("</head>", StringComparison.Ordinal), "The JSON-LD belongs in the head.");
        Assert.Contains("href=\"/livornese/bussola\">Bussola dei servizi</a>", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client().GetAsync("/livornese/bussola/servizi/inesistente")).StatusCode);
    }

    private async Task<List<string>> SearchIdsAsync(string zone, string text) =>
        (await SearchAsync(zone, new SearchQuery { Text = text, Types = ["Servizio"], PageSize = 200 })).Hits.Select(h => h.Id).ToList();

    private async Task<SearchResults> SearchAsync(string zone, SearchQuery query)
    {
        await CatchUpAsync(zone);
        return await InZoneAsync(zone, s => s.GetRequiredService<ISearchService>().SearchAsync(query));
    }

    private Task<int> CatchUpAsync(string zone) => InZoneAsync(zone, s => s.GetRequiredService<ISearchIndexAdmin>().CatchUpAsync());

    private async Task<T> InZoneAsync<T>(string slug, Func<IServiceProvider, Task<T>> work)
    {
        var zone = await app.Services.GetRequiredService<IZoneRegistry>().FindBySlugAsync(slug);
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<IZoneContextAccessor>().SetZone(zone);
        return await work(scope.ServiceProvider);
    }
}

public sealed class SqliteBussolaTests(ContentsSqliteApp app) : BussolaTests(app), IClassFixture<ContentsSqliteApp>;

public sealed class PostgresBussolaTests(ContentsPostgresApp app) : BussolaTests(app), IClassFixture<ContentsPostgresApp>;
