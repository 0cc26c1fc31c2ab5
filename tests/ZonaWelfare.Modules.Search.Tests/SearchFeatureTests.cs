using ZonaWelfare.Abstractions.Search;

namespace ZonaWelfare.Modules.Search.Tests;

/// <summary>What a citizen notices when searching the catalogue: Italian words, synonyms, typos, facets, snippets.</summary>
public abstract class SearchFeatureTests(CatalogueFixture fixture)
{
    private SearchHost Host => fixture.Host;

    [Fact]
    public async Task Anziani_finds_services_described_with_anziano_anziane_or_terza_eta()
    {
        var results = await Host.SearchAsync("catalogo", "anziani");

        Assert.Equal(["s01", "s02", "s03", "s09"], Ids(results).Order());
        Assert.False(results.UsedFuzzyFallback);
    }

    [Fact]
    public async Task A_multi_word_synonym_is_matched_as_a_phrase_and_expands_to_its_group()
    {
        var results = await Host.SearchAsync("catalogo", "terza età");

        Assert.Equal(["s01", "s02", "s03", "s09"], Ids(results).Order());
        Assert.Equal("s03", results.Hits[0].Id);
    }

    [Fact]
    public async Task Disabili_finds_disabilita_and_the_zone_synonym_handicap()
    {
        var results = await Host.SearchAsync("catalogo", "disabili");

        Assert.Equal(["s04", "s05", "s10"], Ids(results).Order());
    }

    [Fact]
    public async Task Disabili_finds_disabilita_by_stemming_alone_in_a_zone_without_synonyms()
    {
        var results = await Host.SearchAsync("nuda", "disabili");

        Assert.Equal(["s04", "s10"], Ids(results).Order());
    }

    [Theory]
    [InlineData("disabilita")]
    [InlineData("DISABILITÀ")]
    [InlineData("disabilitá")]
    public async Task Accents_are_optional(string text)
    {
        var results = await Host.SearchAsync("nuda", text);

        Assert.Contains("s04", Ids(results));
    }

    [Fact]
    public async Task A_typo_falls_back_to_fuzzy_matching_and_suggests_the_right_word()
    {
        var results = await Host.SearchAsync("catalogo", "anzini");

        Assert.True(results.UsedFuzzyFallback);
        Assert.Contains("s09", Ids(results));
        Assert.Contains("s01", Ids(results));
        Assert.Equal("anziani", results.DidYouMean);
    }

    [Fact]
    public async Task Did_you_mean_keeps_the_other_words_as_typed()
    {
        var results = await Host.SearchAsync("catalogo", "mensa per persone in dificoltà");

        Assert.Equal("mensa per persone in difficoltà", results.DidYouMean);
    }

    [Fact]
    public async Task A_page_no_contributor_indexes_is_not_found()
    {
        var results = await Host.SearchAsync("catalogo", "pagina");

        Assert.DoesNotContain("p01", Ids(results));
    }

    [Fact]
    public async Task Facets_count_the_results_and_each_ignores_its_own_filter()
    {
        var all = await Host.SearchAsync("catalogo", new SearchQuery { Facets = ["area", "comune"] });

        Assert.Equal(10, all.Total);
        Assert.Equal(new FacetValue("Anziani", 4), all.Facets["area"][0]);
        Assert.Equal(3, Count(all.Facets["area"], "Disabilità"));
        Assert.Equal(7, Count(all.Facets["comune"], "Livorno"));
        Assert.Equal(3, Count(all.Facets["comune"], "Collesalvetti"));

        var filtered = await Host.SearchAsync("catalogo", new SearchQuery
        {
            Facets = ["area", "comune"],
            Filters = new Dictionary<string, IReadOnlyList<string>> { ["area"] = ["Anziani"] },
        });

        Assert.Equal(4, filtered.Total);
        Assert.Equal(all.Facets["area"], filtered.Facets["area"]);
        Assert.Equal(3, Count(filtered.Facets["comune"], "Livorno"));
        Assert.Equal(1, Count(filtered.Facets["comune"], "Collesalvetti"));

        var both = await Host.SearchAsync("catalogo", new SearchQuery
        {
            Text = "persone",
            Facets = ["area", "comune"],
            Filters = new Dictionary<string, IReadOnlyList<string>> { ["area"] = ["Anziani", "Disabilità"], ["comune"] = ["Collesalvetti"] },
        });

        // "persone" in Collesalvetti: s05 and s10; the area facet ignores the area filter, the comune facet the comune filter.
        Assert.Equal(["s05", "s10"], Ids(both).Order());
        Assert.Equal([new("Disabilità", 2), new("Lavoro", 1), new("Mobilità", 1)], both.Facets["area"]);
        Assert.Equal([new("Collesalvetti", 2), new("Livorno", 2)], both.Facets["comune"]);
    }

    [Fact]
    public async Task Snippets_mark_the_matched_words_and_encode_the_rest()
    {
        var results = await Host.SearchAsync("catalogo", "famiglie");

        var hit = Assert.Single(results.Hits, h => h.Id == "s06");
        Assert.Contains("<mark>famiglie</mark>", hit.Snippet, StringComparison.Ordinal);
        Assert.Contains("&amp;", hit.Snippet, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;9-12&lt;/b&gt;", hit.Snippet, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", hit.Snippet, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Snippets_mark_synonyms_and_inflections_too()
    {
        var results = await Host.SearchAsync("catalogo", "anziani");

        Assert.Contains("<mark>anziano</mark>", results.Hits.Single(h => h.Id == "s02").Snippet, StringComparison.Ordinal);
        Assert.Contains("<mark>terza</mark> <mark>età</mark>", results.Hits.Single(h => h.Id == "s03").Snippet, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hits_carry_their_stored_values()
    {
        var results = await Host.SearchAsync("catalogo", "telesoccorso");

        var hit = Assert.Single(results.Hits);
        Assert.Equal("Servizio", hit.Type);
        Assert.Equal(["/servizi/s09"], hit.Values["url"]);
        Assert.Equal(["Telesoccorso"], hit.Values["title"]);
        Assert.Equal(["Anziani"], hit.Values["area"]);
    }

    [Fact]
    public async Task Autocomplete_offers_the_most_frequent_words_first_with_their_accents()
    {
        Assert.Equal("anziani", (await Host.SuggestAsync("catalogo", "anz"))[0]);
        Assert.Contains("disabilità", await Host.SuggestAsync("catalogo", "disabilita"));
        Assert.Contains("servizi per anziani", await Host.SuggestAsync("catalogo", "servizi per anzi"));
        Assert.Empty(await Host.SuggestAsync("catalogo", "zzz"));
    }

    [Fact]
    public async Task Near_sorts_by_distance_and_puts_services_without_a_place_last()
    {
        var results = await Host.SearchAsync("catalogo", new SearchQuery { Near = ("sede", Catalogue.Livorno.Lat, Catalogue.Livorno.Lon), PageSize = 20 });

        Assert.Equal(["s01", "s07", "s03", "s02", "s05", "s09"], Ids(results).Take(6));
        Assert.Equal(0, results.Hits[0].DistanceKm!.Value, 3);
        Assert.InRange(results.Hits[1].DistanceKm!.Value, 0.8, 1.2);
        Assert.All(results.Hits.Skip(6), h => Assert.Null(h.DistanceKm));
    }

    [Fact]
    public async Task Modified_filters_and_paging()
    {
        var recent = await Host.SearchAsync("catalogo", new SearchQuery { ModifiedAfter = new DateTime(2026, 1, 5, 12, 0, 0, DateTimeKind.Utc) });
        Assert.Equal(["s06", "s07", "s08", "s09", "s10"], Ids(recent).Order());

        var first = await Host.SearchAsync("catalogo", new SearchQuery { PageSize = 4, Page = 1 });
        var third = await Host.SearchAsync("catalogo", new SearchQuery { PageSize = 4, Page = 3 });
        Assert.Equal(10, first.Total);
        Assert.Equal(4, first.Hits.Count);
        Assert.Equal(2, third.Hits.Count);
        Assert.Empty(Ids(first).Intersect(Ids(third)));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Pages_follow_one_order_with_equal_scores_broken_by_id(bool near)
    {
        var from = near ? ("sede", Catalogue.Livorno.Lat, Catalogue.Livorno.Lon) : ((string, double, double)?)null;
        var all = await Host.SearchAsync("catalogo", new SearchQuery { Near = from, PageSize = 100 });
        if (!near)
        {
            // No words: every item scores the same, so the order is the ids'.
            Assert.Equal(Ids(all).Order(StringComparer.Ordinal), Ids(all));
        }

        var paged = new List<string>();
        for (var page = 1; page <= 4; page++)
        {
            paged.AddRange(Ids(await Host.SearchAsync("catalogo", new SearchQuery { Near = from, PageSize = 3, Page = page })));
        }

        Assert.Equal(10, all.Total);
        Assert.Equal(Ids(all), paged);
        Assert.Empty((await Host.SearchAsync("catalogo", new SearchQuery { Near = from, PageSize = 3, Page = 5 })).Hits);
    }

    private static List<string> Ids(SearchResults results) => results.Hits.Select(h => h.Id).ToList();

    private static int Count(IReadOnlyList<FacetValue> values, string value) => values.FirstOrDefault(v => v.Value == value)?.Count ?? 0;
}

public sealed class SqliteSearchFeatureTests(SqliteCatalogue fixture) : SearchFeatureTests(fixture), IClassFixture<SqliteCatalogue>;

public sealed class PostgresSearchFeatureTests(PostgresCatalogue fixture) : SearchFeatureTests(fixture), IClassFixture<PostgresCatalogue>;
