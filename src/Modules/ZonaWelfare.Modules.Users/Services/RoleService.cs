using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ZonaWelfare.Modules.Users.Data;
using ZonaWelfare.Modules.Users.Security;

namespace ZonaWelfare.Modules.Users.Services;

/// <summary>The current zone's roles and the permissions granted to them; shared by the admin pages and the recipe steps.</summary>
internal sealed class RoleService(RoleManager<ZoneRole> roles, UsersDbContext db, PermissionCatalog catalog)
{
    public RoleManager<ZoneRole> Manager => roles;

    public async Task<List<ZoneRole>> ListAsync(CancellationToken cancellationToken)
    {
        var all = await db.Roles.AsNoTracking().ToListAsync(cancellationToken);
        return all.OrderBy(r => r.Name, StringComparer.CurrentCulture).ToList();
    }

    public async Task<Dictionary<string, HashSet<string>>> PermissionsByRoleAsync(CancellationToken cancellationToken)
    {
        var rows = await db.RolePermissions.AsNoTracking().ToListAsync(cancellationToken);
        return rows.GroupBy(p => p.RoleId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(p => p.Permission).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
    }

    public async Task<HashSet<string>> PermissionsOfAsync(string roleId, CancellationToken cancellationToken) =>
        (await db.RolePermissions.AsNoTracking().Where(p => p.RoleId == roleId).Select(p => p.Permission).ToListAsync(cancellationToken))
        .ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// Creates a role. Without <paramref name="permissions"/> a standard role gets the modules' default grants
    /// (the Amministratore every permission) and any other role none.
    /// </summary>
    public async Task<(ZoneRole? Role, IdentityResult Result)> CreateAsync(string name, string? description, IEnumerable<string>? permissions, CancellationToken cancellationToken)
    {
        var role = new ZoneRole { Name = name.Trim(), Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim() };
        var result = await roles.CreateAsync(role);
        if (!result.Succeeded)
        {
            return (null, result);
        }

        await SetPermissionsAsync(role.Id, permissions ?? catalog.DefaultsFor(role.Name), cancellationToken);
        return (role, result);
    }

    /// <summary>Grants exactly <paramref name="permissions"/> to the role; returns whether anything changed.</summary>
    public async Task<bool> SetPermissionsAsync(string roleId, IEnumerable<string> permissions, CancellationToken cancellationToken)
    {
        var wanted = permissions.ToHashSet(StringComparer.Ordinal);
        var current = await db.RolePermissions.Where(p => p.RoleId == roleId).ToListAsync(cancellationToken);
        var removed = current.Where(p => !wanted.Contains(p.Permission)).ToList();
        var added = wanted.Except(current.Select(p => p.Permission), StringComparer.Ordinal).ToList();
        if (removed.Count == 0 && added.Count == 0)
        {
            return false;
        }

        db.RolePermissions.RemoveRange(removed);
        db.RolePermissions.AddRange(added.Select(p => new RolePermission { RoleId = roleId, Permission = p }));
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>How many users hold each role (by role id).</summary>
    public async Task<Dictionary<string, int>> UserCountsAsync(CancellationToken cancellationToken) =>
        await db.UserRoles.AsNoTracking().GroupBy(ur => ur.RoleId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, StringComparer.Ordinal, cancellationToken);
}
