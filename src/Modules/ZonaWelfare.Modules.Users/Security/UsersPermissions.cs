using ZonaWelfare.Abstractions.Admin;
using ZonaWelfare.Abstractions.Security;

namespace ZonaWelfare.Modules.Users.Security;

/// <summary>The permissions of the Users module.</summary>
internal sealed class UsersPermissions : IPermissionProvider
{
    public const string ManageUsersName = "ManageUsers";

    public const string ManageRolesName = "ManageRoles";

    public static readonly Permission ManageUsers = new(ManageUsersName, "Gestire gli utenti", UsersModule.Id);

    public static readonly Permission ManageRoles = new(ManageRolesName, "Gestire ruoli e permessi", UsersModule.Id);

    public IEnumerable<Permission> GetPermissions() => [ManageUsers, ManageRoles];

    public IEnumerable<KeyValuePair<string, IEnumerable<Permission>>> GetDefaultGrants() =>
        [new(StandardRoles.Amministratore, [ManageUsers, ManageRoles])];
}

/// <summary>The module's entries in the zone's admin menu.</summary>
internal sealed class UsersAdminMenu : IAdminMenuProvider
{
    private const string Group = "Utenti e permessi";

    public IEnumerable<AdminMenuItem> GetItems() =>
    [
        new(UsersModule.Id, "Utenti", "admin/users", UsersPermissions.ManageUsers, Order: 800, Group: Group),
        new(UsersModule.Id, "Ruoli e permessi", "admin/roles", UsersPermissions.ManageRoles, Order: 810, Group: Group),
    ];
}
