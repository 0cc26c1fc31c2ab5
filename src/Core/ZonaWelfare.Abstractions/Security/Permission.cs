using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;

namespace ZonaWelfare.Abstractions.Security;

/// <summary>A permission declared by a module (or the platform); roles of a zone are granted permissions by name.</summary>
public sealed record Permission(string Name, string Description, string? ModuleId = null);

/// <summary>Declares a module's permissions and which of the standard roles get them by default.</summary>
public interface IPermissionProvider
{
    IEnumerable<Permission> GetPermissions();

    /// <summary>Standard role name → permissions granted when a zone creates that role without listing permissions.</summary>
    IEnumerable<KeyValuePair<string, IEnumerable<Permission>>> GetDefaultGrants() => [];
}

/// <summary>The requirement checked by the authorization handler of the Users module.</summary>
public sealed class PermissionRequirement(Permission permission) : IAuthorizationRequirement
{
    public Permission Permission { get; } = permission;
}

/// <summary>The roles every zone starts with (Italian names, as users see them).</summary>
public static class StandardRoles
{
    public const string Amministratore = "Amministratore";
    public const string UfficioDiPiano = "Ufficio di Piano";
    public const string Redattore = "Redattore";
    public const string ReferenteServizio = "Referente servizio";

    public static readonly IReadOnlyList<string> All = [Amministratore, UfficioDiPiano, Redattore, ReferenteServizio];
}

/// <summary>Authentication schemes and claims shared by the platform and the modules.</summary>
public static class ZoneAuthentication
{
    /// <summary>Cookie of platform administrators (path "/"): they may act in every zone.</summary>
    public const string PlatformScheme = "zw.platform";

    /// <summary>Cookie of a zone's own users; its path is the zone's path base, and it names its zone.</summary>
    public const string ZoneScheme = "zw.zone";

    /// <summary>Both schemes, for endpoints inside a zone.</summary>
    public const string ZoneSchemes = ZoneScheme + "," + PlatformScheme;

    public const string PlatformAdminClaim = "zw:platform-admin";

    /// <summary>The zone a zone cookie was issued for; a cookie of another zone is rejected.</summary>
    public const string ZoneClaim = "zw:zone";

    public static bool IsPlatformAdmin(this ClaimsPrincipal user) => user.HasClaim(c => c.Type == PlatformAdminClaim);
}

public static class AuthorizationServiceExtensions
{
    /// <summary>Whether <paramref name="user"/> holds <paramref name="permission"/> in the current zone.</summary>
    public static async Task<bool> AuthorizeAsync(this IAuthorizationService service, ClaimsPrincipal user, Permission permission, object? resource = null) =>
        (await service.AuthorizeAsync(user, resource, new PermissionRequirement(permission))).Succeeded;
}
