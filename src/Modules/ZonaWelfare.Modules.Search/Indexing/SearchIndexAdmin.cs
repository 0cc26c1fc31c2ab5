using ZonaWelfare.Abstractions.Search;
using ZonaWelfare.Abstractions.Zones;

namespace ZonaWelfare.Modules.Search.Indexing;

/// <summary>Maintenance of the current zone's index on this node.</summary>
internal sealed class SearchIndexAdmin(IZoneContext context, ZoneIndexer indexer) : ISearchIndexAdmin
{
    public Task RebuildAsync(IProgress<(int Done, int Total)>? progress, CancellationToken cancellationToken = default) =>
        indexer.RebuildAsync(CurrentZone(), progress, cancellationToken);

    public Task<int> CatchUpAsync(CancellationToken cancellationToken = default) =>
        indexer.CatchUpAsync(CurrentZone(), cancellationToken);

    private ZoneDescriptor CurrentZone()
    {
        var zone = context.Current;
        return zone.IsModuleEnabled(SearchModule.Id)
            ? zone
            : throw new InvalidOperationException($"La ricerca non è attiva nella zona «{zone.DisplayName}» ({zone.Slug}).");
    }
}
