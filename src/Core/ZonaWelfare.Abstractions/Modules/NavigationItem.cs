using Microsoft.Extensions.DependencyInjection;

namespace ZonaWelfare.Abstractions.Modules;

/// <summary>A link in a zone's public navigation, shown only where its module is enabled.</summary>
public sealed record NavigationItem(string ModuleId, string Text, string Path, int Order = 100);

public static class NavigationServiceCollectionExtensions
{
    /// <summary>Adds a link, relative to the zone root (e.g. <c>opendata</c>), to the zone's public navigation.</summary>
    public static IServiceCollection AddZoneNavigation(this IServiceCollection services, NavigationItem item) =>
        services.AddSingleton(item);
}

/// <summary>Contributes navigation links computed per zone (e.g. pages editors chose to show in the menu).</summary>
public interface INavigationProvider
{
    /// <summary>The module whose enabling shows these links.</summary>
    string ModuleId { get; }

    Task<IEnumerable<NavigationItem>> GetItemsAsync(CancellationToken cancellationToken);
}

/// <summary>The current zone's public navigation: static items and providers of enabled modules, in order.</summary>
public interface IZoneNavigation
{
    Task<IReadOnlyList<NavigationItem>> GetItemsAsync(CancellationToken cancellationToken = default);
}
