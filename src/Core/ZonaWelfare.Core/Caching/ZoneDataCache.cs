using System.Collections.Concurrent;
using ZonaWelfare.Abstractions.Caching;
using ZonaWelfare.Abstractions.Zones;

namespace ZonaWelfare.Core.Caching;

/// <summary>
/// This node's per-zone data cache (see <see cref="IZoneDataCache"/>). A zone's entries live in one set, replaced as a
/// whole when dropped, so a value read before a drop (a query that began before an editor's commit) never lands in the
/// set that follows it; a set made under an older registry entry of the zone is replaced too.
/// </summary>
internal sealed class ZoneDataCache
{
    private readonly ConcurrentDictionary<string, Entries> _zones = new(StringComparer.Ordinal);

    public async Task<T> GetOrAddAsync<T>(ZoneDescriptor zone, string key, Func<CancellationToken, Task<T>> read, CancellationToken cancellationToken)
        where T : class
    {
        var stamp = zone.UpdatedUtc.Ticks;
        var entries = _zones.AddOrUpdate(zone.Slug, _ => new Entries(stamp), (_, existing) => existing.Stamp < stamp ? new Entries(stamp) : existing);
        if (entries.Stamp != stamp)
        {
            // This request carries an older registry entry than the cache (another node changed the zone a moment ago).
            return await read(cancellationToken);
        }

        if (entries.Values.TryGetValue(key, out var cached))
        {
            return (T)cached;
        }

        var value = await read(cancellationToken);
        if (_zones.TryGetValue(zone.Slug, out var current) && ReferenceEquals(current, entries))
        {
            entries.Values.TryAdd(key, value);
        }

        return value;
    }

    /// <summary>Drops one entry of the zone.</summary>
    public void Remove(string slug, string key)
    {
        if (_zones.TryGetValue(slug, out var entries))
        {
            entries.Values.TryRemove(key, out _);
        }
    }

    /// <summary>Drops the zone's entries: its data changed, or it was released.</summary>
    public void Drop(string slug) => _zones.TryRemove(slug, out _);

    /// <summary>Drops every zone's entries (this node may have missed evictions).</summary>
    public void DropAll() => _zones.Clear();

    private sealed class Entries(long stamp)
    {
        public long Stamp { get; } = stamp;

        public ConcurrentDictionary<string, object> Values { get; } = new(StringComparer.Ordinal);
    }
}

/// <summary>The current zone's view of <see cref="ZoneDataCache"/>.</summary>
internal sealed class CurrentZoneDataCache(ZoneDataCache cache, IZoneContext zoneContext) : IZoneDataCache
{
    public Task<T> GetOrAddAsync<T>(string key, Func<CancellationToken, Task<T>> read, CancellationToken cancellationToken = default)
        where T : class =>
        cache.GetOrAddAsync(zoneContext.Current, key, read, cancellationToken);

    public void Remove(string key) => cache.Remove(zoneContext.Current.Slug, key);
}
