using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using ZonaWelfare.Abstractions.Contents;
using ZonaWelfare.Abstractions.Search;
using ZonaWelfare.Core.Recipes;
using ZonaWelfare.Core.Zones;
using ZonaWelfare.Modules.Bussola.Models;

namespace ZonaWelfare.Modules.Bussola.Tests;

/// <summary>The Bussola dei servizi over the example data of the shipped Livornese and Grossetana recipes.</summary>
public abstract class BussolaTests(BussolaApp app)
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

        // Each facet value links to this search with that value toggled: the selected one off, another one added.
        Assert.Contains("href=\"/grossetana/bussola\" aria-current=\"true\">Roccastrada</a>", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/grossetana/bussola?comune=Roccastrada&comune=Grosseto\">Grosseto</a>", page, StringComparison.Ordinal);
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

    [Fact]
    public async Task Vicino_a_a_comune_sorts_services_by_distance_from_it()
    {
        await CatchUpAsync("grossetana");

        var page = WebUtility.HtmlDecode(await app.Client().GetStringAsync("/grossetana/bussola?q=anziani&vicino=Roccastrada"));

        Assert.Contains("dal più vicino a Roccastrada", page, StringComparison.Ordinal);
        Assert.Contains("<option value=\"Roccastrada\" selected=\"selected\">vicino a Roccastrada</option>", page, StringComparison.Ordinal);
        var distances = Distances(page, "da Roccastrada");
        Assert.True(distances.Count >= 2, page);
        Assert.True(distances[0] < 2, $"The first service is in Roccastrada itself, not {distances[0]} km away.");
        Assert.Equal(distances.Order().ToList(), distances);
        Assert.Contains("vicino=Roccastrada&pagina=2", page, StringComparison.Ordinal);
        Assert.Equal(3, Regex.Count(page, "<input type=\"hidden\" name=\"vicino\" value=\"Roccastrada\" />|<option value=\"Roccastrada\" selected"));

        var nearGrosseto = WebUtility.HtmlDecode(await app.Client().GetStringAsync("/grossetana/bussola?q=anziani&vicino=Grosseto"));
        Assert.NotEqual(FirstResultTitle(page), FirstResultTitle(nearGrosseto));
    }

    [Fact]
    public async Task Vicino_a_the_citizens_position_sorts_from_there_and_rounds_it()
    {
        await CatchUpAsync("grossetana");

        var page = WebUtility.HtmlDecode(await app.Client().GetStringAsync("/grossetana/bussola?vicino=posizione&lat=43.00934567&lon=11.16821234"));

        Assert.Contains("dal più vicino alla tua posizione", page, StringComparison.Ordinal);
        var distances = Distances(page, "dalla tua posizione");
        Assert.Equal(distances.Order().ToList(), distances);
        Assert.DoesNotContain("43.00934567", page, StringComparison.Ordinal);
        Assert.Contains("lat=43.009&lon=11.168", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("vicino=Atlantide")]
    [InlineData("vicino=posizione&lat=95&lon=11")]
    [InlineData("vicino=posizione&lat=abc&lon=11")]
    [InlineData("lat=43&lon=11")]
    public async Task An_unknown_place_or_position_falls_back_to_relevance(string query)
    {
        await CatchUpAsync("grossetana");

        var response = await app.Client().GetAsync("/grossetana/bussola?q=anziani&" + query);
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<span class=\"bussola-sorted\"></span>", page, StringComparison.Ordinal);
        Assert.Contains("<option value=\"\" selected=\"selected\">per pertinenza</option>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_zones_settings_list_the_places_for_vicino_a_and_bad_coordinates_are_refused()
    {
        var livornese = WebUtility.HtmlDecode(await app.Client().GetStringAsync("/livornese/bussola"));
        Assert.Contains(">vicino a Capraia Isola</option>", livornese, StringComparison.Ordinal);
        Assert.DoesNotContain(">vicino a Roccastrada</option>", livornese, StringComparison.Ordinal);

        var recipe = RecipeDocument.Parse("""
            {
              "name": "prova", "displayName": "Prova", "version": "1.0.0",
              "steps": [
                { "name": "features", "enable": [ "bussola" ] },
                { "name": "settings", "sections": { "bussola": { "comuni": [
                  { "name": "Grosseto", "latitude": 42.76, "longitude": 11.11 },
                  { "name": "Grosseto", "latitude": 95, "longitude": 11.11 } ] } } }
              ]
            }
            """, "prova.recipe.json");
        var errors = await app.Services.GetRequiredService<ZoneManager>().ValidateAsync("grossetana", recipe);

        Assert.True(errors.Count == 2, string.Join("\n", errors));
        Assert.Contains(errors, e => e.ToString().Contains("$.steps[1].sections.bussola.comuni[1] (riga 7): il comune «Grosseto» è elencato due volte", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.ToString().Contains("$.steps[1].sections.bussola.comuni[1] (riga 7): latitudine 95 fuori dall'intervallo -90…90", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_service_page_has_a_print_view()
    {
        var client = app.Client();
        var page = WebUtility.HtmlDecode(await client.GetStringAsync("/livornese/bussola/servizi/assistenza-domiciliare"));

        Assert.Contains("data-print", page, StringComparison.Ordinal);
        Assert.Contains("Stampa la scheda", page, StringComparison.Ordinal);
        Assert.Contains("Scheda della Bussola dei servizi, http://localhost/livornese/bussola/servizi/assistenza-domiciliare", page, StringComparison.Ordinal);
        var css = await client.GetStringAsync("/_content/ZonaWelfare.Modules.Bussola/bussola.css");
        Assert.Contains("@media print", css, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unpublishing_a_service_removes_it_from_the_bussola_at_once()
    {
        await CatchUpAsync("grossetana");
        var client = app.Client();
        const string Search = "/grossetana/bussola?q=telesoccorso";
        var before = WebUtility.HtmlDecode(await client.GetStringAsync(Search));
        var service = "/grossetana/bussola/servizi/telesoccorso";
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(service)).StatusCode);
        var title = FirstResultTitle(before);
        Assert.NotNull(title);

        await app.InZoneAsync("grossetana", async s => { await s.GetRequiredService<IContentManager>().UnpublishAsync("srv-gr-telesoccorso"); return 0; });
        try
        {
            var after = WebUtility.HtmlDecode(await client.GetStringAsync(Search));
            Assert.DoesNotContain(">" + title + "</a>", after, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(service)).StatusCode);
        }
        finally
        {
            await app.InZoneAsync("grossetana", async s => { await s.GetRequiredService<IContentManager>().PublishAsync("srv-gr-telesoccorso"); return 0; });
        }

        Assert.Contains(">" + title + "</a>", WebUtility.HtmlDecode(await client.GetStringAsync(Search)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Changing_an_organization_or_a_location_refreshes_the_services_that_include_it()
    {
        const string Service = "srv-gr-roccastrada-pasti-domicilio";
        await CatchUpAsync("grossetana");
        Assert.DoesNotContain(Service, await SearchIdsAsync("grossetana", "Zanzibar"));
        Assert.DoesNotContain(Service, await ComuneIdsAsync("Scansano"));

        var organizationName = await EditAsync("org-gr-comune-roccastrada", item =>
        {
            var before = item.DisplayText;
            item.Content["TitlePart"]!["title"] = "Comune di Roccastrada – Ufficio Zanzibar";
            return before;
        });
        var comune = await EditAsync("sede-gr-ribolla-centro-diurno", item =>
        {
            var location = item.As<LocationPart>()!;
            var before = location.Comune!;
            location.Comune = "Scansano";
            item.Apply(location);
            return before;
        });
        try
        {
            Assert.Contains(Service, await SearchIdsAsync("grossetana", "Zanzibar"));
            Assert.Contains(Service, await ComuneIdsAsync("Scansano"));
            var page = WebUtility.HtmlDecode(await app.Client().GetStringAsync("/grossetana/bussola/servizi/roccastrada-pasti-domicilio"));
            Assert.Contains("Ufficio Zanzibar", page, StringComparison.Ordinal);
            var filtered = WebUtility.HtmlDecode(await app.Client().GetStringAsync("/grossetana/bussola?comune=Scansano&q=pasti"));
            Assert.Contains("Pasti a domicilio nel Comune di Roccastrada", filtered, StringComparison.Ordinal);
        }
        finally
        {
            await EditAsync("org-gr-comune-roccastrada", item => item.Content["TitlePart"]!["title"] = organizationName);
            await EditAsync("sede-gr-ribolla-centro-diurno", item =>
            {
                var location = item.As<LocationPart>()!;
                location.Comune = comune;
                item.Apply(location);
                return comune;
            });
        }

        Assert.DoesNotContain(Service, await SearchIdsAsync("grossetana", "Zanzibar"));
        Assert.DoesNotContain(Service, await ComuneIdsAsync("Scansano"));
    }

    [Fact]
    public async Task A_field_the_zone_adds_to_services_by_recipe_shows_on_the_service_page()
    {
        const string Type = """
            { "name": "Servizio", "displayName": "Servizio", "parts": [ "TitlePart", "AutoroutePart", "ServicePart" ],
              "description": "Una scheda della Bussola dei servizi: a chi si rivolge, come si accede, cosa serve, contatti e sedi.",
              "settings": { "creatable": true, "draftable": true, "versionable": true, "listable": true, "routePattern": "bussola/servizi/{slug}" }
              FIELDS }
            """;
        static RecipeDocument Recipe(string fields) => RecipeDocument.Parse(
            $$"""{ "name": "campo-finanziamento", "displayName": "Campo Finanziamento", "version": "1", "steps": [ { "name": "contentTypes", "types": [ {{Type.Replace("FIELDS", fields, StringComparison.Ordinal)}} ] } ] }""",
            "campo.recipe.json");
        var zones = app.Services.GetRequiredService<ZoneManager>();
        await zones.ApplyAsync("grossetana", Recipe(""", "fields": [ { "name": "Finanziamento", "displayName": "Fonte di finanziamento", "type": "text", "maxLength": 200 } ]"""), "test");
        try
        {
            await EditAsync("srv-gr-telesoccorso", item =>
            {
                item.Content["Servizio"] = new System.Text.Json.Nodes.JsonObject { ["Finanziamento"] = "Fondo per la non autosufficienza (esempio)" };
                return 0;
            });

            var page = WebUtility.HtmlDecode(await app.Client().GetStringAsync("/grossetana/bussola/servizi/telesoccorso"));

            Assert.Contains("<h2>Fonte di finanziamento</h2>", page, StringComparison.Ordinal);
            Assert.Contains("<p>Fondo per la non autosufficienza (esempio)</p>", page, StringComparison.Ordinal);
        }
        finally
        {
            await zones.ApplyAsync("grossetana", Recipe(""), "test");
            await EditAsync("srv-gr-telesoccorso", item =>
            {
                item.Content.Remove("Servizio");
                return 0;
            });
        }

        Assert.DoesNotContain("Fonte di finanziamento", await app.Client().GetStringAsync("/grossetana/bussola/servizi/telesoccorso"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Paging_links_the_first_and_last_pages_and_those_around_the_current_one()
    {
        await CatchUpAsync("grossetana");
        var client = app.Client();

        var first = WebUtility.HtmlDecode(await client.GetStringAsync("/grossetana/bussola"));
        Assert.Contains("63 servizi trovati", first, StringComparison.Ordinal);
        Assert.Equal(["2", "3", "7"], PageNumbersLinked(first));
        Assert.Contains(">…</span>", first, StringComparison.Ordinal);

        var middle = WebUtility.HtmlDecode(await client.GetStringAsync("/grossetana/bussola?pagina=5"));
        Assert.Equal(["1", "3", "4", "6", "7"], PageNumbersLinked(middle));
        Assert.Contains("<span class=\"page-link\" aria-current=\"page\">5</span>", middle, StringComparison.Ordinal);
    }

    private static List<string> PageNumbersLinked(string page) =>
        Regex.Matches(page, @"<span class=""visually-hidden"">Pagina </span>(\d+)</a>").Select(m => m.Groups[1].Value).ToList();

    private Task<T> EditAsync<T>(string id, Func<ContentItem, T> edit) => app.InZoneAsync("grossetana", async s =>
    {
        var contents = s.GetRequiredService<IContentManager>();
        var item = (await contents.GetAsync(id, VersionOptions.Latest))!;
        var result = edit(item);
        await contents.UpdateAsync(item);
        await contents.PublishAsync(id);
        return result;
    });

    private async Task<List<string>> ComuneIdsAsync(string comune) =>
        (await SearchAsync("grossetana", new SearchQuery
        {
            Types = ["Servizio"],
            Filters = new Dictionary<string, IReadOnlyList<string>> { ["comune"] = [comune] },
            PageSize = 200,
        })).Hits.Select(h => h.Id).ToList();

    private static List<double> Distances(string page, string from) =>
        Regex.Matches(page, @"A (\d+(?:,\d)?) km " + Regex.Escape(from))
            .Select(m => double.Parse(m.Groups[1].Value, CultureInfo.GetCultureInfo("it-IT")))
            .ToList();

    private static string? FirstResultTitle(string page) =>
        Regex.Match(page, @"<h3 class=""card-title h5"">\s*<a href=""[^""]+"">([^<]+)</a>") is { Success: true } m ? m.Groups[1].Value : null;

    private async Task<List<string>> SearchIdsAsync(string zone, string text) =>
        (await SearchAsync(zone, new SearchQuery { Text = text, Types = ["Servizio"], PageSize = 200 })).Hits.Select(h => h.Id).ToList();

    private async Task<SearchResults> SearchAsync(string zone, SearchQuery query)
    {
        await CatchUpAsync(zone);
        return await app.InZoneAsync(zone, s => s.GetRequiredService<ISearchService>().SearchAsync(query));
    }

    private Task<int> CatchUpAsync(string zone) => app.InZoneAsync(zone, s => s.GetRequiredService<ISearchIndexAdmin>().CatchUpAsync());
}

[Collection(SqliteBussolaCollection.Name)]
public sealed class SqliteBussolaTests(SqliteBussolaApp app) : BussolaTests(app);

[Collection(PostgresBussolaCollection.Name)]
public sealed class PostgresBussolaTests(PostgresBussolaApp app) : BussolaTests(app);
