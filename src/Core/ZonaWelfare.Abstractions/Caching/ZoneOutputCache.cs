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
