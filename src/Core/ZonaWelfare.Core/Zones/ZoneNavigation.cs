using ZonaWelfare.Abstractions.Modules;
using ZonaWelfare.Abstractions.Zones;

namespace ZonaWelfare.Core.Zones;

/// <summary>Static navigation items and dynamic providers of the modules the current zone enables.</summary>
internal sealed class ZoneNavigation(IZoneContext zoneContext, IEnumerable<NavigationItem> items, IEnumerable<INavigationProvider> providers) : IZoneNavigation
{
    public async Task<IReadOnlyList<NavigationItem>> GetItemsAsync(CancellationToken cancellationToken = default)
    {
        var zone = zoneContext.Zone;
        if (zone is null)
        {
            return [];
        }

        var all = items.Where(i => zone.IsModuleEnabled(i.ModuleId)).ToList();
        foreach (var provider in providers.Where(p => zone.IsModuleEnabled(p.ModuleId)))
        {
            all.AddRange(await provider.GetItemsAsync(cancellationToken));
        }

        return all.OrderBy(i => i.Order).ThenBy(i => i.Text, StringComparer.CurrentCulture).ToList();
    }
}
