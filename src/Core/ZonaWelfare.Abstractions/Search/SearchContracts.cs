using ZonaWelfare.Abstractions.Contents;

namespace ZonaWelfare.Abstractions.Search;

/// <summary>
/// Fills search documents for content items of the types a module owns. The Search module calls every
/// contributor of the zone's enabled modules when an item is published, and removes the document
/// when it is unpublished or removed.
/// </summary>
public interface ISearchDocumentContributor
{
    /// <summary>The module that owns the indexed types; its contributor runs only where it is enabled.</summary>
    string ModuleId { get; }

    /// <summary>Whether this contributor indexes the item (usually by content type).</summary>
    bool CanIndex(ContentItem item);

    Task ContributeAsync(ContentItem item, SearchDocument document, CancellationToken cancellationToken);

    /// <summary>
    /// The ids of other items whose documents this contributor builds partly from <paramref name="changed"/>
    /// (e.g. the services offered at a location that was just edited). The Search module re-indexes them in
    /// the same transaction as the change, so documents never keep a stale copy of what they include.
    /// </summary>
    Task<IReadOnlyCollection<string>> GetDependentItemIdsAsync(ContentItem changed, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyCollection<string>>([]);
}

/// <summary>A search in the current zone's index.</summary>
public sealed record SearchQuery
{
    /// <summary>The words the citizen typed; empty lists everything (with filters).</summary>
    public string? Text { get; init; }

    /// <summary>Only documents of these types (empty: all).</summary>
    public IReadOnlyList<string> Types { get; init; } = [];

    /// <summary>Keyword field → accepted values (OR within a field, AND across fields).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Filters { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>Keyword fields to count values of, over the results (each facet ignores its own filter).</summary>
    public IReadOnlyList<string> Facets { get; init; } = [];

    /// <summary>Sort by distance from this point (location field, latitude, longitude), nearest first; relevance breaks ties and documents without a point come last.</summary>
    public (string Field, double Latitude, double Longitude)? Near { get; init; }

    /// <summary>Only documents changed after this instant (a date field named <c>modified</c>).</summary>
    public DateTime? ModifiedAfter { get; init; }

    public int Page { get; init; } = 1;

    public int PageSize { get; init; } = 20;
}

public sealed record SearchResults(
    int Total,
    IReadOnlyList<SearchHit> Hits,
    IReadOnlyDictionary<string, IReadOnlyList<FacetValue>> Facets,
    bool UsedFuzzyFallback,
    string? DidYouMean);

/// <summary>A result: the document id, its stored fields, and a snippet with the matched words marked by <c>&lt;mark&gt;</c>.</summary>
public sealed record SearchHit(string Id, string Type, float Score, IReadOnlyDictionary<string, IReadOnlyList<string>> Values, string? Snippet, double? DistanceKm);

public sealed record FacetValue(string Value, int Count);

/// <summary>Searches the current zone's index.</summary>
public interface ISearchService
{
    Task<SearchResults> SearchAsync(SearchQuery query, CancellationToken cancellationToken = default);

    /// <summary>Completions for what the citizen is typing (prefix), most frequent first.</summary>
    Task<IReadOnlyList<string>> SuggestAsync(string prefix, int max = 8, CancellationToken cancellationToken = default);
}

/// <summary>Maintenance of the current zone's index, for the CLI and the admin.</summary>
public interface ISearchIndexAdmin
{
    /// <summary>Rebuilds the zone's index from the database; reports (done, total) as it goes.</summary>
    Task RebuildAsync(IProgress<(int Done, int Total)>? progress, CancellationToken cancellationToken = default);

    /// <summary>Applies pending indexing tasks now; returns how many were processed.</summary>
    Task<int> CatchUpAsync(CancellationToken cancellationToken = default);
}
