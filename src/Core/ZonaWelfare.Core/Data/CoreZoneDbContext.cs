using Microsoft.EntityFrameworkCore;
using ZonaWelfare.Core.Jobs;

namespace ZonaWelfare.Core.Data;

/// <summary>Platform-owned tables inside every zone's database: settings sections, recipe history and the zone's background jobs.</summary>
internal sealed class CoreZoneDbContext(DbContextOptions<CoreZoneDbContext> options) : DbContext(options)
{
    public const string ModuleId = "core";

    public DbSet<ZoneSettingRecord> Settings => Set<ZoneSettingRecord>();

    public DbSet<AppliedRecipeRecord> AppliedRecipes => Set<AppliedRecipeRecord>();

    public DbSet<ZoneJobRecord> Jobs => Set<ZoneJobRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ZoneSettingRecord>(setting =>
        {
            setting.ToTable("zone_settings");
            setting.HasKey(s => s.Section);
        });
        modelBuilder.Entity<AppliedRecipeRecord>(recipe =>
        {
            recipe.ToTable("applied_recipes");
            recipe.HasKey(r => r.Id);
            recipe.HasIndex(r => r.AppliedUtc);
        });
        modelBuilder.Entity<ZoneJobRecord>(job =>
        {
            job.ToTable(ZoneJobRecord.Table);
            job.HasKey(j => j.Id);
            job.Property(j => j.Id).HasMaxLength(32);
            job.Property(j => j.Name).HasMaxLength(100);
            job.Property(j => j.ModuleId).HasMaxLength(41);
            job.Property(j => j.Description).HasMaxLength(500);
            job.Property(j => j.RunBy).HasMaxLength(200);
            job.HasIndex(j => j.CreatedUtc);
            job.HasIndex(j => new { j.State, j.CreatedUtc });
            job.HasIndex(j => new { j.State, j.CompletedUtc });
        });
    }
}

internal sealed class ZoneSettingRecord
{
    public required string Section { get; set; }

    public required string Json { get; set; }

    public DateTime UpdatedUtc { get; set; }
}

internal sealed class AppliedRecipeRecord
{
    public required string Id { get; set; }

    public required string Name { get; set; }

    public required string Version { get; set; }

    /// <summary>SHA-256 of the recipe text: re-applying the same text records nothing new.</summary>
    public required string Hash { get; set; }

    public string? AppliedBy { get; set; }

    public DateTime AppliedUtc { get; set; }
}
