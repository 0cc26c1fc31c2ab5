using Microsoft.Extensions.DependencyInjection;

namespace ZonaWelfare.Abstractions.Settings;

/// <summary>A typed section of zone settings (e.g. <c>site</c>), owned by a module or by the platform.</summary>
public sealed record ZoneSettingsSection(string Name, Type SettingsType, string? ModuleId);

/// <summary>Reads and writes the current zone's settings sections.</summary>
public interface IZoneSettingsStore
{
    /// <summary>The section's value, or a new default instance when the zone has none.</summary>
    Task<T> GetAsync<T>(string section, CancellationToken cancellationToken = default)
        where T : class, new();

    Task SaveAsync<T>(string section, T value, CancellationToken cancellationToken = default)
        where T : class;
}

public static class ZoneSettingsServiceCollectionExtensions
{
    public static IServiceCollection AddZoneSettingsSection<T>(this IServiceCollection services, string name, string? moduleId = null)
        where T : class, new()
    {
        services.AddSingleton(new ZoneSettingsSection(name, typeof(T), moduleId));
        return services;
    }
}
