using System.Collections.Frozen;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ZonaWelfare.Abstractions.Caching;
using ZonaWelfare.Abstractions.Recipes;
using ZonaWelfare.Abstractions.Settings;
using ZonaWelfare.Core.Data;

namespace ZonaWelfare.Core.Settings;

/// <summary>
/// Settings sections stored as JSON in the zone's own database. A page reads several sections (site,
/// theme, a module's own): they are read all at once, in one query, and kept in the zone's data cache until
/// the zone's data changes (a save here drops it on every node), so most requests read none; the scope keeps
/// in step with what it saves itself.
/// </summary>
internal sealed class ZoneSettingsStore(CoreZoneDbContext db, IZoneDataCache cache, IZoneCacheInvalidator invalidator) : IZoneSettingsStore
{
    private const string CacheKey = "core:settings";
    private IReadOnlyDictionary<string, string>? _scope;

    private static JsonSerializerOptions Options => RecipeStep<object>.SerializerOptions;

    public async Task<T> GetAsync<T>(string section, CancellationToken cancellationToken = default)
        where T : class, new()
    {
        _scope ??= await cache.GetOrAddAsync(CacheKey, ReadAllAsync, cancellationToken);
        return _scope.TryGetValue(section, out var json) ? JsonSerializer.Deserialize<T>(json, Options) ?? new T() : new T();
    }

    public async Task SaveAsync<T>(string section, T value, CancellationToken cancellationToken = default)
        where T : class =>
        await SaveIfChangedAsync(section, typeof(T), value, cancellationToken);

    /// <summary>Writes the section only when its JSON differs; returns whether it did.</summary>
    public async Task<bool> SaveIfChangedAsync(string section, Type type, object value, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.Serialize(value, type, Options);
        var record = await db.Settings.FirstOrDefaultAsync(s => s.Section == section, cancellationToken);
        if (record?.Json == json)
        {
            return false;
        }

        if (record is null)
        {
            db.Settings.Add(new ZoneSettingRecord { Section = section, Json = json, UpdatedUtc = DateTime.UtcNow });
        }
        else
        {
            record.Json = json;
            record.UpdatedUtc = DateTime.UtcNow;
        }

        await db.SaveChangesAsync(cancellationToken);
        if (_scope is not null)
        {
            _scope = new Dictionary<string, string>(_scope, StringComparer.Ordinal) { [section] = json };
        }

        await invalidator.InvalidateAsync(cancellationToken);
        return true;
    }

    /// <summary>Every section as stored now, read from the database (not the cache): for exports.</summary>
    public async Task<IReadOnlyDictionary<string, string>> ReadAllAsync(CancellationToken cancellationToken) =>
        (await db.Settings.AsNoTracking().ToDictionaryAsync(s => s.Section, s => s.Json, cancellationToken)).ToFrozenDictionary(StringComparer.Ordinal);
}
