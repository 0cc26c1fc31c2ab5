using ZonaWelfare.Abstractions.Zones;

namespace ZonaWelfare.Modules.Search.Indexing;

/// <summary>An idle zone released by the platform: its index (readers, writer, files) is closed. (Its compiled synonyms are in the zone's data cache, which the platform drops.)</summary>
internal sealed class SearchZoneRelease(ZoneIndexManager indexes) : IZoneReleaseHandler
{
    public ValueTask ReleaseAsync(string slug, CancellationToken cancellationToken)
    {
        indexes.Close(slug);
        return ValueTask.CompletedTask;
    }
}
