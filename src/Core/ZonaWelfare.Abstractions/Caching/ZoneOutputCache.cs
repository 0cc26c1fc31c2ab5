namespace ZonaWelfare.Abstractions.Caching;

/// <summary>Output caching of a zone's public pages, evicted per zone when its content changes.</summary>
public static class ZoneOutputCache
{
    /// <summary>Policy name for <c>[OutputCache(PolicyName = ...)]</c> or <c>.CacheOutput(...)</c> on public, anonymous pages.</summary>
    public const string PolicyName = "zone-public";

    /// <summary>The tag every cached response of a zone carries.</summary>
    public static string Tag(string slug) => "zone:" + slug;

    /// <summary>The tag every cached response of every zone carries (to drop them all at once).</summary>
    public const string AllZonesTag = "zones";
}

/// <summary>Drops the current zone's cached public pages (call after publishing, unpublishing, removing).</summary>
public interface IZoneCacheInvalidator
{
    Task InvalidateAsync(CancellationToken cancellationToken = default);
}

/// <summary>
/// What this node keeps in memory for the current zone between requests: data that every page reads and editors
/// rarely change (settings, navigation, synonyms). An entry is dropped with the zone's cached pages (whenever
/// <see cref="IZoneCacheInvalidator"/> runs: on this node at once, on the other nodes within moments), when the zone's
/// registry entry changes (e.g. a module enabled) and when the zone is released as idle. Values are shared by
/// concurrent requests: return immutable ones.
/// </summary>
public interface IZoneDataCache
{
    /// <summary>The cached value of <paramref name="key"/> (prefix keys with the module's id), read with <paramref name="read"/> when missing.</summary>
    Task<T> GetOrAddAsync<T>(string key, Func<CancellationToken, Task<T>> read, CancellationToken cancellationToken = default)
        where T : class;

    /// <summary>Drops one entry of the current zone on this node, after a write that changes it (the others learn it from the write's eviction).</summary>
    void Remove(string key);
}
