using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace ZonaWelfare.Modules.Users.Data;

/// <summary>
/// Identity's users and roles in the current zone's database, plus the roles' permissions. Only the
/// Identity tables the module uses are mapped: claims, external logins and tokens are left out.
/// </summary>
internal sealed class UsersDbContext(DbContextOptions<UsersDbContext> options) : IdentityDbContext<ZoneUser, ZoneRole, string>(options)
{
    public DbSet<RolePermission> RolePermissions => Set<RolePermission>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Ignore<IdentityUserClaim<string>>();
        builder.Ignore<IdentityUserLogin<string>>();
        builder.Ignore<IdentityUserToken<string>>();
        builder.Ignore<IdentityRoleClaim<string>>();

        builder.Entity<ZoneUser>(user =>
        {
            user.ToTable("users");
            user.Property(u => u.DisplayName).HasMaxLength(200);
        });
        builder.Entity<ZoneRole>(role =>
        {
            role.ToTable("roles");
            role.Property(r => r.Description).HasMaxLength(500);
        });
        builder.Entity<IdentityUserRole<string>>().ToTable("user_roles");
        builder.Entity<RolePermission>(permission =>
        {
            permission.ToTable("role_permissions");
            permission.HasKey(p => new { p.RoleId, p.Permission });
            permission.Property(p => p.Permission).HasMaxLength(200);
            permission.HasOne<ZoneRole>().WithMany().HasForeignKey(p => p.RoleId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
