using Microsoft.EntityFrameworkCore;

namespace ZonaWelfare.Modules.Bussola.Data;

/// <summary>
/// The Bussola's index tables in each zone's database: one row per published service, one per (service,
/// comune) and one per (service, location).
/// </summary>
internal sealed class BussolaDbContext(DbContextOptions<BussolaDbContext> options) : DbContext(options)
{
    public DbSet<ServiceIndex> Services => Set<ServiceIndex>();

    public DbSet<ServiceComuneIndex> ServiceComuni => Set<ServiceComuneIndex>();

    public DbSet<ServiceLocationIndex> ServiceLocations => Set<ServiceLocationIndex>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ServiceIndex>(service =>
        {
            service.ToTable("bussola_service_index");
            service.HasKey(s => s.ContentItemId);
            service.Property(s => s.ContentItemId).HasMaxLength(100);
            service.HasIndex(s => s.Path);
            service.HasIndex(s => s.Area);
            service.HasIndex(s => s.OrganizationId);
        });
        modelBuilder.Entity<ServiceComuneIndex>(comune =>
        {
            comune.ToTable("bussola_service_comune_index");
            comune.HasKey(c => new { c.ContentItemId, c.Comune });
            comune.Property(c => c.ContentItemId).HasMaxLength(100);
            comune.HasIndex(c => c.Comune);
        });
        modelBuilder.Entity<ServiceLocationIndex>(location =>
        {
            location.ToTable("bussola_service_location_index");
            location.HasKey(l => new { l.ContentItemId, l.LocationId });
            location.Property(l => l.ContentItemId).HasMaxLength(100);
            location.Property(l => l.LocationId).HasMaxLength(100);
            location.HasIndex(l => l.LocationId);
        });
    }
}

/// <summary>A published service, for lists and counts without reading documents.</summary>
internal sealed class ServiceIndex
{
    public required string ContentItemId { get; set; }

    public required string Title { get; set; }

    /// <summary>The service's public address relative to the zone, e.g. <c>bussola/servizi/centro-diurno</c>.</summary>
    public string? Path { get; set; }

    public string? Area { get; set; }

    public string? Status { get; set; }

    public string? OrganizationId { get; set; }

    public DateTime ModifiedUtc { get; set; }
}

/// <summary>A comune where a published service has a location.</summary>
internal sealed class ServiceComuneIndex
{
    public required string ContentItemId { get; set; }

    public required string Comune { get; set; }
}

/// <summary>A location (a <c>Sede</c> item) where a published service is offered: finds the services to refresh when it changes.</summary>
internal sealed class ServiceLocationIndex
{
    public required string ContentItemId { get; set; }

    public required string LocationId { get; set; }
}
