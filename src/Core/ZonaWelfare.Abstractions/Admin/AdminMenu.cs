using Microsoft.AspNetCore.Authorization;
using ZonaWelfare.Abstractions.Security;

namespace ZonaWelfare.Abstractions.Admin;

/// <summary>
/// An entry of a zone's admin menu; shown when its module is enabled (always, for the platform's own entries,
/// whose <see cref="ModuleId"/> is null) and the user holds its permission.
/// </summary>
public sealed record AdminMenuItem(string? ModuleId, string Text, string Path, Permission? Permission = null, int Order = 100, string? Group = null);

/// <summary>Contributes entries to a zone's admin menu (<c>/{zone}/admin</c>).</summary>
public interface IAdminMenuProvider
{
    IEnumerable<AdminMenuItem> GetItems();
}

/// <summary>Marks a controller or action of a zone's admin: signed-in zone users or platform administrators.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, Inherited = true)]
public sealed class ZoneAdminAttribute : AuthorizeAttribute
{
    public ZoneAdminAttribute() => AuthenticationSchemes = ZoneAuthentication.ZoneSchemes;
}

/// <summary>The admin menu of the current zone, as the signed-in user may see it.</summary>
public interface IAdminMenu
{
    Task<IReadOnlyList<AdminMenuItem>> VisibleItemsAsync(System.Security.Claims.ClaimsPrincipal user, CancellationToken cancellationToken = default);
}
