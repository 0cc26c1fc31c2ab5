using ZonaWelfare.Abstractions.Caching;
using ZonaWelfare.Abstractions.Modules;
using ZonaWelfare.Abstractions.Zones;

namespace ZonaWelfare.Core.Zones;

/// <summary>
/// Static navigation items and dynamic providers of the modules the current zone enables, kept in the zone's data
/// cache: a provider's items change when content is published, which drops it.
/// </summary>
internal sealed class ZoneNavigation(IZoneContext zoneContext, IZoneDataCache cache, IEnumerable<NavigationItem> items, IEnumerable<INavigationProvider> providers) : IZoneNavigation
{
    public async Task<IReadOnlyList<NavigationItem>> GetItemsAsync(CancellationToken cancellationToken = default)
    {
        var zone = zoneContext.Zone;
        return zone is null ? [] : await cache.GetOrAddAsync("core:navigation", ct => ReadAsync(zone, ct), cancellationToken);
    }

    private async Task<IReadOnlyList<NavigationItem>> ReadAsync(ZoneDescriptor zone, CancellationToken cancellationToken)
    {
        var all = items.Where(i => zone.IsModuleEnabled(i.ModuleId)).ToList();
        foreach (var provider in providers.Where(p => zone.IsModuleEnabled(p.ModuleId)))
        {
            all.AddRange(await provider.GetItemsAsync(cancellationToken));
        }

        return all.OrderBy(i => i.Order).ThenBy(i => i.Text, StringComparer.CurrentCulture).ToList().AsReadOnly();
    }
}
