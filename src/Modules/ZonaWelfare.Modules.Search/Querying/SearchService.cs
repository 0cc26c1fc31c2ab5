using Microsoft.Extensions.Options;
using ZonaWelfare.Abstractions.Caching;
using ZonaWelfare.Abstractions.Search;
using ZonaWelfare.Abstractions.Zones;
using ZonaWelfare.Modules.Search.Analysis;
using ZonaWelfare.Modules.Search.Data;
using ZonaWelfare.Modules.Search.Indexing;

namespace ZonaWelfare.Modules.Search.Querying;

/// <summary>
/// Searches the current zone's index. Before answering it applies the zone's pending indexing tasks, so a change
/// committed on any node is visible to the next search: unpublishing removes a service from results at once (see
/// <see cref="ZoneIndexer.EnsureFreshAsync"/>).
/// </summary>
internal sealed class SearchService(
    IZoneContext context,
    ZoneIndexer indexer,
    SearchDbContext db,
    SynonymProvider synonyms,
    SearchAnalyzers analyzers,
    IndexingSignal signal,
    IZoneDataCache cache,
    IOptions<SearchOptions> options) : ISearchService
{
    public async Task<SearchResults> SearchAsync(SearchQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var zone = CurrentZone();
        using var handle = indexer.Open(zone, context);
        await indexer.EnsureFreshAsync(handle.Index, zone, db, cache, cancellationToken);
        var synonymSet = await synonyms.GetAsync(db, cache, cancellationToken);
        using var lease = handle.Index.AcquireSearcher();
        if (lease is null)
        {
            return new SearchResults(0, [], query.Facets.ToDictionary(f => f, _ => (IReadOnlyList<FacetValue>)[], StringComparer.Ordinal), false, null);
        }

        return new ZoneSearch(lease.Searcher, analyzers, synonymSet, options.Value.FuzzyFallbackThreshold).Run(query);
    }

    public async Task<IReadOnlyList<string>> SuggestAsync(string prefix, int max = 8, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var zone = CurrentZone();
        using var handle = indexer.Open(zone, context);
        if (!handle.Index.IsBuilt || handle.Index.IsStale)
        {
            await indexer.EnsureFreshAsync(handle.Index, zone, db, cache, cancellationToken);
        }
        else
        {
            // Autocomplete runs at every keystroke: it reads the index as it is and lets the indexer catch up.
            signal.Notify(zone.Slug);
        }

        using var lease = handle.Index.AcquireSearcher();
        return lease is null ? [] : Suggestions.Complete(lease.Searcher.IndexReader, prefix, Math.Min(max, 50));
    }

    private ZoneDescriptor CurrentZone()
    {
        var zone = context.Current;
        return zone.IsModuleEnabled(SearchModule.Id)
            ? zone
            : throw new InvalidOperationException($"La ricerca non è attiva nella zona «{zone.DisplayName}» ({zone.Slug}).");
    }
}
