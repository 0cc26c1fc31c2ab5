using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ZonaWelfare.Abstractions.Recipes;
using ZonaWelfare.Abstractions.Settings;
using ZonaWelfare.Core.Data;

namespace ZonaWelfare.Core.Settings;

/// <summary>Settings sections stored as JSON in the zone's own database.</summary>
internal sealed class ZoneSettingsStore(CoreZoneDbContext db) : IZoneSettingsStore
{
    private static JsonSerializerOptions Options => RecipeStep<object>.SerializerOptions;

    public async Task<T> GetAsync<T>(string section, CancellationToken cancellationToken = default)
        where T : class, new()
    {
        var record = await db.Settings.AsNoTracking().FirstOrDefaultAsync(s => s.Section == section, cancellationToken);
        return record is null ? new T() : JsonSerializer.Deserialize<T>(record.Json, Options) ?? new T();
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
        return true;
    }

    public async Task<Dictionary<string, string>> ReadAllAsync(CancellationToken cancellationToken) =>
        await db.Settings.AsNoTracking().ToDictionaryAsync(s => s.Section, s => s.Json, cancellationToken);
}
