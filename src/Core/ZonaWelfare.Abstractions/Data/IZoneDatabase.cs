using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace ZonaWelfare.Abstractions.Data;

/// <summary>
/// The current zone's database connection (scoped). Every module DbContext of a scope shares it,
/// so one <see cref="BeginTransactionAsync"/> covers writes of several modules.
/// </summary>
public interface IZoneDatabase
{
    /// <summary>The storage provider in use: <c>Sqlite</c> or <c>Postgres</c>.</summary>
    string Provider { get; }

    /// <summary>
    /// Points a DbContext of this scope at the zone's connection; <c>AddZoneDbContext</c> does it for every module
    /// context it registers. Call it before the context's first command.
    /// </summary>
    void Attach(DbContext context);

    /// <summary>The open transaction of the scope, if any.</summary>
    DbTransaction? CurrentTransaction { get; }

    /// <summary>Starts the scope's transaction; every module DbContext of the scope enlists in it.</summary>
    Task<IZoneTransaction> BeginTransactionAsync(CancellationToken cancellationToken = default);
}

/// <summary>
/// Builds the options every zone DbContext of a module shares, once per process: the storage provider without a
/// connection, the module's own migrations history table and the platform's interceptors (every
/// <see cref="IZoneDbInterceptor"/> of the container, which must therefore be a singleton).
/// </summary>
public interface IZoneDbContextOptions
{
    void Configure(DbContextOptionsBuilder builder, string moduleId);
}

/// <summary>A transaction over the zone's database; disposing it without committing rolls back.</summary>
public interface IZoneTransaction : IAsyncDisposable
{
    Task CommitAsync(CancellationToken cancellationToken = default);
}

/// <summary>Records which module owns a zone DbContext, so the platform can migrate it when a zone activates.</summary>
public sealed record ZoneDbContextRegistration(Type ContextType, string ModuleId);

/// <summary>
/// An EF Core interceptor added to every zone DbContext (diagnostics, SQL command counting in tests); register it
/// in the container as a singleton <see cref="IZoneDbInterceptor"/>.
/// </summary>
public interface IZoneDbInterceptor : Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor;
