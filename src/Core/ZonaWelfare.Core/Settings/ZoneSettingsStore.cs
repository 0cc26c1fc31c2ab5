using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ZonaWelfare.Abstractions.Recipes;
using ZonaWelfare.Abstractions.Settings;
using ZonaWelfare.Core.Data;

namespace ZonaWelfare.Core.Settings;

/// <summary>
/// Settings sections stored as JSON in the zone's own database. A page reads several sections (site,
/// theme, a module's own): the first read of a scope loads them all in one query, and the scope reuses
/// them, kept in step with what it saves itself.
/// </summary>
internal sealed class ZoneSettingsStore(CoreZoneDbContext db) : IZoneSettingsStore
{
    private Dictionary<string, string>? _scope;

    private static JsonSerializerOptions Options => RecipeStep<object>.SerializerOptions;

    public async Task<T> GetAsync<T>(string section, CancellationToken cancellationToken = default)
        where T : class, new()
    {
        _scope ??= await ReadAllAsync(cancellationToken);
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
        _scope?[section] = json;
        return true;
    }

    public async Task<Dictionary<string, string>> ReadAllAsync(CancellationToken cancellationToken) =>
        await db.Settings.AsNoTracking().ToDictionaryAsync(s => s.Section, s => s.Json, cancellationToken);
}
