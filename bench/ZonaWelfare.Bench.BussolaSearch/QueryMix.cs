using ZonaWelfare.Abstractions.Search;

namespace ZonaWelfare.Bench.BussolaSearch;

/// <summary>
/// One citizen search of the mix: the words and the filters, as the Bussola page takes them
/// (<c>/{zone}/bussola?q=…&amp;area=…</c>) and as its controller turns them into a <see cref="SearchQuery"/>.
/// </summary>
internal sealed record BenchQuery(string Name, string Kind, string? Text, IReadOnlyDictionary<string, IReadOnlyList<string>> Filters)
{
    /// <summary>The facets the Bussola page always asks for, in its order.</summary>
    public static readonly IReadOnlyList<string> Facets = ["area", "target", "comune", "accessMode"];

    /// <summary>
    /// The fixed mix: single words, two words, a synonym phrase, words with a facet filter, typos that
    /// trigger the fuzzy fallback and "did you mean", and empty queries with filters (browse by facet).
    /// </summary>
    public static readonly IReadOnlyList<BenchQuery> Mix =
    [
        new("anziani", "one word (synonym group)", "anziani", With()),
        new("consultorio", "one word", "consultorio", With()),
        new("assistenza domiciliare", "two words", "assistenza domiciliare", With()),
        new("salute mentale", "synonym phrase", "salute mentale", With()),
        new("violenza donne", "two words", "violenza donne", With()),
        new("centro diurno + comune", "two words + facet", "centro diurno", With(("comune", "Pisa"))),
        new("affitto + target", "one word + facet", "affitto", With(("target", "famiglie"))),
        new("anzini (typo)", "typo: fuzzy fallback", "anzini", With()),
        new("assistenza domicilare (typo)", "two words, one typo: fuzzy", "assistenza domicilare", With()),
        new("area disabilità", "empty + facet", null, With(("area", "disabilità"))),
        new("area+comune+accesso", "empty + 3 facets", null, With(("area", "minori e famiglie"), ("comune", "Livorno"), ("accessMode", "accesso diretto"))),
    ];

    /// <summary>What the Bussola controller searches for this query (first page of ten, type Servizio, the four facets).</summary>
    public SearchQuery ToSearchQuery() => new()
    {
        Text = Text,
        Types = ["Servizio"],
        Filters = Filters,
        Facets = Facets,
        Page = 1,
        PageSize = 10,
    };

    /// <summary>The same search without filters, which the controller runs when the filtered one finds nothing.</summary>
    public SearchQuery WithoutFilters() => new() { Text = Text, Types = ["Servizio"], PageSize = 1 };

    /// <summary>The page's address, relative to the zone.</summary>
    public string RelativeUrl()
    {
        var parts = new List<string>();
        if (Text is not null)
        {
            parts.Add("q=" + Uri.EscapeDataString(Text));
        }

        foreach (var (field, values) in Filters)
        {
            parts.AddRange(values.Select(v => field + "=" + Uri.EscapeDataString(v)));
        }

        return "bussola" + (parts.Count > 0 ? "?" + string.Join('&', parts) : "");
    }

    private static Dictionary<string, IReadOnlyList<string>> With(params (string Field, string Value)[] filters) =>
        filters.ToDictionary(f => f.Field, f => (IReadOnlyList<string>)[f.Value], StringComparer.Ordinal);
}
