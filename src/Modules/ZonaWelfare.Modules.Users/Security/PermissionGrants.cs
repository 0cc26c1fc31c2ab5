using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ZonaWelfare.Abstractions.Security;
using ZonaWelfare.Abstractions.Zones;
using ZonaWelfare.Modules.Users.Data;

namespace ZonaWelfare.Modules.Users.Security;

/// <summary>What a user may do in the current zone: every permission, or the ones their roles are granted.</summary>
internal sealed record Grants(bool All, IReadOnlySet<string> Permissions)
{
    public static readonly Grants None = new(false, new HashSet<string>());

    public static readonly Grants Everything = new(true, new HashSet<string>());

    public bool Has(string permission) => All || Permissions.Contains(permission);
}

/// <summary>
/// Reads the permissions of the current zone's users from its database, once per user per request, so a
/// change of roles or permissions applies on the next request.
/// </summary>
/// <remarks>
/// Every authorization of the host builds its handlers, also outside zones: the zone's DbContext is
/// therefore resolved only when a zone user's permissions are read.
/// </remarks>
internal sealed class PermissionGrants(IZoneContext zones, IServiceProvider services, ILookupNormalizer normalizer)
{
    private readonly Dictionary<string, Grants> _byUser = new(StringComparer.Ordinal);

    /// <summary>The id of the current zone's own user in <paramref name="principal"/>, if signed in to this zone.</summary>
    public string? ZoneUserId(ClaimsPrincipal principal)
    {
        var zone = zones.Zone;
        if (zone is null || !zone.IsModuleEnabled(UsersModule.Id))
        {
            return null;
        }

        var identity = principal.Identities.FirstOrDefault(i =>
            i.IsAuthenticated && i.AuthenticationType == ZoneAuthentication.ZoneScheme && i.HasClaim(ZoneAuthentication.ZoneClaim, zone.Slug));
        return identity?.FindFirst(ClaimTypes.NameIdentifier)?.Value;
    }

    /// <summary>What <paramref name="principal"/> may do here: everything for platform administrators.</summary>
    public async Task<Grants> OfAsync(ClaimsPrincipal principal, CancellationToken cancellationToken = default) =>
        principal.IsPlatformAdmin() ? Grants.Everything
        : ZoneUserId(principal) is { } userId ? await OfUserAsync(userId, cancellationToken)
        : Grants.None;

    public async Task<Grants> OfUserAsync(string userId, CancellationToken cancellationToken = default)
    {
        if (_byUser.TryGetValue(userId, out var cached))
        {
            return cached;
        }

        var db = services.GetRequiredService<UsersDbContext>();
        var roles = await db.UserRoles.AsNoTracking()
            .Where(ur => ur.UserId == userId)
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { r.Id, r.NormalizedName })
            .ToListAsync(cancellationToken);
        var administrator = normalizer.NormalizeName(StandardRoles.Amministratore);
        Grants grants;
        if (roles.Any(r => r.NormalizedName == administrator))
        {
            // The Amministratore holds every permission, also those of modules enabled after the role was made.
            grants = Grants.Everything;
        }
        else
        {
            var roleIds = roles.Select(r => r.Id).ToList();
            var names = await db.RolePermissions.AsNoTracking().Where(p => roleIds.Contains(p.RoleId)).Select(p => p.Permission).Distinct().ToListAsync(cancellationToken);
            grants = new Grants(false, names.ToHashSet(StringComparer.Ordinal));
        }

        _byUser[userId] = grants;
        return grants;
    }
}
