using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using ZonaWelfare.Abstractions.Zones;
using ZonaWelfare.Core.Data;

namespace ZonaWelfare.Core.Zones;

/// <summary>
/// Reads the registry on demand and caches each looked-up zone briefly, so start-up and memory do not
/// grow with the number of zones and other nodes' changes show up within <see cref="CacheLifetime"/>.
/// </summary>
internal sealed class ZoneRegistry(IDbContextFactory<PlatformDbContext> contexts, TimeProvider clock) : IZoneRegistry
{
    internal static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(30);

    /// <summary>Beyond this many cached look-ups, expired and then negative entries are dropped: junk paths and Host headers cannot grow memory.</summary>
    internal const int MaxCachedLookups = 4096;

    private readonly ConcurrentDictionary<string, CacheEntry> _bySlug = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CacheEntry> _byHost = new(StringComparer.OrdinalIgnoreCase);

    public async ValueTask<ZoneDescriptor?> FindBySlugAsync(string slug, CancellationToken cancellationToken = default)
    {
        if (_bySlug.TryGetValue(slug, out var entry) && entry.ExpiresUtc > clock.GetUtcNow())
        {
            return entry.Zone;
        }

        var zone = await LoadAsync(slug, cancellationToken);
        Remember(_bySlug, slug, zone);
        return zone;
    }

    /// <summary>The zone as the registry has it now, bypassing the cache: for jobs, which must see a module disabled a moment ago.</summary>
    public async Task<ZoneDescriptor?> LoadAsync(string slug, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var record = await db.Zones.AsNoTracking().Include(z => z.HostNames)
            .FirstOrDefaultAsync(z => z.Slug == slug, cancellationToken);
        return record is null ? null : ToDescriptor(record);
    }

    public async ValueTask<ZoneDescriptor?> FindByHostAsync(string host, CancellationToken cancellationToken = default)
    {
        if (_byHost.TryGetValue(host, out var entry) && entry.ExpiresUtc > clock.GetUtcNow())
        {
            return entry.Zone;
        }

        var normalized = host.ToLowerInvariant();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var slug = await db.ZoneHosts.AsNoTracking().Where(h => h.Host == normalized).Select(h => h.Slug).FirstOrDefaultAsync(cancellationToken);
        var zone = slug is null ? null : await FindBySlugAsync(slug, cancellationToken);
        Remember(_byHost, host, zone);
        return zone;
    }

    public async Task<IReadOnlyList<ZoneDescriptor>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var records = await db.Zones.AsNoTracking().Include(z => z.HostNames).OrderBy(z => z.DisplayName).ToListAsync(cancellationToken);
        return records.Select(ToDescriptor).ToList();
    }

    /// <summary>Forgets cached entries after this node changed the registry.</summary>
    public void Invalidate()
    {
        _bySlug.Clear();
        _byHost.Clear();
    }

    private void Remember(ConcurrentDictionary<string, CacheEntry> cache, string key, ZoneDescriptor? zone)
    {
        var now = clock.GetUtcNow();
        cache[key] = new CacheEntry(zone, now + CacheLifetime);
        if (cache.Count <= MaxCachedLookups)
        {
            return;
        }

        foreach (var (staleKey, entry) in cache)
        {
            if (entry.ExpiresUtc <= now || entry.Zone is null)
            {
                cache.TryRemove(staleKey, out _);
            }
        }
    }

    internal int CachedLookups => _bySlug.Count + _byHost.Count;

    internal static ZoneDescriptor ToDescriptor(ZoneRecord record) => new(
        record.Slug,
        record.DisplayName,
        (ZoneState)record.State,
        record.HostNames.Select(h => h.Host).Order(StringComparer.Ordinal).ToList(),
        record.Comuni.ToList(),
        new SortedSet<string>(record.EnabledModules, StringComparer.Ordinal),
        record.RecipeName,
        record.RecipeVersion,
        DateTime.SpecifyKind(record.CreatedUtc, DateTimeKind.Utc),
        DateTime.SpecifyKind(record.UpdatedUtc, DateTimeKind.Utc));

    private sealed record CacheEntry(ZoneDescriptor? Zone, DateTimeOffset ExpiresUtc);
}
