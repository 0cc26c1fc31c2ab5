using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace ZonaWelfare.Core.Storage;

/// <summary>Where zone and platform data live: one SQLite file per zone, or one PostgreSQL schema per zone.</summary>
internal interface IZoneStorage
{
    StorageProvider Provider { get; }

    /// <summary>Absolute root of local data (<c>App_Data</c>).</summary>
    string DataRoot { get; }

    string ZoneFolder(string slug);

    /// <summary>Creates the zone's database (file or schema) if missing.</summary>
    Task EnsureZoneStoreAsync(string slug, CancellationToken cancellationToken);

    /// <summary>Removes the zone's database and files.</summary>
    Task DeleteZoneStoreAsync(string slug, CancellationToken cancellationToken);

    /// <summary>
    /// Closes the zone's idle pooled connections (and those in use as they return), when the zone is released:
    /// a SQLite pool per zone holds its file open. PostgreSQL zones share one pool, so there is nothing to do.
    /// </summary>
    void ReleaseZoneConnections(string slug);

    /// <summary>Opens a connection to the zone's database, ready for use.</summary>
    Task<DbConnection> OpenZoneConnectionAsync(string slug, CancellationToken cancellationToken);

    /// <summary>A connection to the zone's database, not yet opened: open it, then <see cref="PrepareZoneConnectionAsync"/>.</summary>
    DbConnection CreateZoneConnection(string slug);

    /// <summary>Makes a just-opened zone connection ready (SQLite pragmas; the zone's PostgreSQL schema).</summary>
    Task PrepareZoneConnectionAsync(DbConnection connection, string slug, CancellationToken cancellationToken);

    /// <summary>The same as <see cref="PrepareZoneConnectionAsync"/>, for a caller that chose EF Core's synchronous API.</summary>
    void PrepareZoneConnection(DbConnection connection, string slug);

    /// <summary>Configures a zone DbContext's provider, without a connection (each context is given its scope's), and its migrations history table.</summary>
    void UseZoneProvider(DbContextOptionsBuilder builder, string migrationsHistoryTable);

    /// <summary>Prepares and configures the platform registry database.</summary>
    Task EnsurePlatformStoreAsync(CancellationToken cancellationToken);

    void ConfigurePlatform(DbContextOptionsBuilder builder);

    /// <summary>The platform database as an ADO.NET connection string, for the job engine's store (Quartz.NET).</summary>
    string PlatformConnectionString { get; }
}
