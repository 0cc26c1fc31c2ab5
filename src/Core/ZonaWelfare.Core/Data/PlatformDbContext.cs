using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ZonaWelfare.Core.Data;

/// <summary>The platform registry: zones, their host names and modules, and platform administrators.</summary>
internal sealed class PlatformDbContext(DbContextOptions<PlatformDbContext> options) : DbContext(options), Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.IDataProtectionKeyContext
{
    /// <summary>The Data Protection key ring every node shares (cookies, antiforgery tokens).</summary>
    public DbSet<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey> DataProtectionKeys => Set<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey>();

    public DbSet<ZoneRecord> Zones => Set<ZoneRecord>();

    public DbSet<ZoneHostRecord> ZoneHosts => Set<ZoneHostRecord>();

    public DbSet<PlatformUserRecord> Users => Set<PlatformUserRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ZoneRecord>(zone =>
        {
            zone.ToTable("zones");
            zone.HasKey(z => z.Slug);
            zone.Property(z => z.Slug).HasMaxLength(40);
            zone.Property(z => z.DisplayName).HasMaxLength(200);
            zone.Property(z => z.Comuni).HasConversion(StringListConverter, StringListComparer);
            zone.Property(z => z.EnabledModules).HasConversion(StringListConverter, StringListComparer);
            zone.HasMany(z => z.HostNames).WithOne().HasForeignKey(h => h.Slug).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey>(key =>
        {
            key.ToTable("data_protection_keys");
            key.HasKey(k => k.Id);
        });
        modelBuilder.Entity<ZoneHostRecord>(host =>
        {
            host.ToTable("zone_hosts");
            host.HasKey(h => h.Host);
            host.Property(h => h.Host).HasMaxLength(253);
            host.HasIndex(h => h.Slug);
        });
        modelBuilder.Entity<PlatformUserRecord>(user =>
        {
            user.ToTable("platform_users");
            user.HasKey(u => u.Id);
            user.HasIndex(u => u.NormalizedUserName).IsUnique();
        });
    }

    private static readonly ValueConverter<List<string>, string> StringListConverter = new(
        v => JsonSerializer.Serialize(v, (JsonSerializerOptions?)null),
        v => JsonSerializer.Deserialize<List<string>>(v, (JsonSerializerOptions?)null) ?? new List<string>());

    private static readonly ValueComparer<List<string>> StringListComparer = new(
        (a, b) => a!.SequenceEqual(b!),
        v => v.Aggregate(0, (h, s) => HashCode.Combine(h, s.GetHashCode(StringComparison.Ordinal))),
        v => v.ToList());
}

internal sealed class ZoneRecord
{
    public required string Slug { get; set; }

    public required string DisplayName { get; set; }

    public int State { get; set; }

    public List<string> Comuni { get; set; } = [];

    public List<string> EnabledModules { get; set; } = [];

    public List<ZoneHostRecord> HostNames { get; set; } = [];

    public string? RecipeName { get; set; }

    public string? RecipeVersion { get; set; }

    public DateTime CreatedUtc { get; set; }

    public DateTime UpdatedUtc { get; set; }
}

internal sealed class ZoneHostRecord
{
    public required string Host { get; set; }

    public required string Slug { get; set; }
}

internal sealed class PlatformUserRecord
{
    public required string Id { get; set; }

    public required string UserName { get; set; }

    public required string NormalizedUserName { get; set; }

    public required string PasswordHash { get; set; }

    public int AccessFailedCount { get; set; }

    public DateTime? LockoutEndUtc { get; set; }

    /// <summary>Copied into the sign-in cookie; changed at sign-out, which ends every session of the user.</summary>
    public string? SecurityStamp { get; set; }

    public DateTime CreatedUtc { get; set; }
}
