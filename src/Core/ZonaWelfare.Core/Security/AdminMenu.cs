using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using ZonaWelfare.Abstractions.Admin;
using ZonaWelfare.Abstractions.Security;
using ZonaWelfare.Abstractions.Zones;

namespace ZonaWelfare.Core.Security;

/// <summary>The admin menu of the current zone: entries of enabled modules that the user may use.</summary>
internal sealed class AdminMenu(IEnumerable<IAdminMenuProvider> providers, IZoneContext zoneContext, IAuthorizationService authorization) : IAdminMenu
{
    public async Task<IReadOnlyList<AdminMenuItem>> VisibleItemsAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var zone = zoneContext.Zone;
        if (zone is null)
        {
            return [];
        }

        var visible = new List<AdminMenuItem>();
        foreach (var item in providers.SelectMany(p => p.GetItems()).Where(i => i.ModuleId is null || zone.IsModuleEnabled(i.ModuleId)).OrderBy(i => i.Order).ThenBy(i => i.Text, StringComparer.CurrentCulture))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (item.Permission is null || await authorization.AuthorizeAsync(user, item.Permission))
            {
                visible.Add(item);
            }
        }

        return visible;
    }
}
