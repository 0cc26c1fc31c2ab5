using Microsoft.AspNetCore.Identity;

namespace ZonaWelfare.Modules.Users.Data;

/// <summary>A user of one zone; stored in that zone's database only.</summary>
internal sealed class ZoneUser : IdentityUser
{
    /// <summary>Name shown in the admin pages (e.g. "Maria Rossi").</summary>
    public string? DisplayName { get; set; }

    public DateTime CreatedUtc { get; set; }
}

/// <summary>A role of one zone; its permissions are rows of <see cref="RolePermission"/>.</summary>
internal sealed class ZoneRole : IdentityRole
{
    public string? Description { get; set; }
}

/// <summary>A permission (by name, as declared by a module) granted to a role of the zone.</summary>
internal sealed class RolePermission
{
    public required string RoleId { get; set; }

    public required string Permission { get; set; }
}
