using System.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using ZonaWelfare.Abstractions.Data;
using ZonaWelfare.Abstractions.Zones;
using ZonaWelfare.Core.Storage;

namespace ZonaWelfare.Core.Data;

/// <summary>
/// One connection per scope to the current zone's database, shared by every module DbContext of the
/// scope; a transaction begun here is joined by all of them. The connection is created closed when the first
/// context is configured (options are built synchronously) and opened, asynchronously, by the first command
/// that needs it: EF Core's opening goes through <see cref="ConnectionInterceptor"/>, which opens and prepares
/// it once and keeps it open until the scope ends. No thread waits on the open. EF Core interceptors registered
/// in the container (<see cref="IZoneDbInterceptor"/>, e.g. a test counting SQL commands) are added to every module DbContext.
/// </summary>
internal sealed class ZoneDatabase(IZoneContext zoneContext, IZoneStorage storage, IEnumerable<IZoneDbInterceptor> interceptors) : IZoneDatabase, IAsyncDisposable, IDisposable
{
    private readonly List<DbContext> _enlisted = [];
    private DbConnection? _connection;
    private string? _connectionSlug;
    private ZoneTransaction? _transaction;

    public string Provider => storage.Provider.ToString();

    public DbTransaction? CurrentTransaction => _transaction?.Transaction;

    public void Configure(DbContextOptionsBuilder builder, string moduleId)
    {
        var connection = GetConnection();
        storage.UseConnection(builder, connection, "__migrations_" + moduleId.Replace('-', '_'));
        builder.AddInterceptors(new EnlistInterceptor(this), new ConnectionInterceptor(this));
        builder.AddInterceptors(interceptors);
        // Migrations are written by hand to be provider-neutral, without model snapshots.
        builder.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
    }

    public async Task<IZoneTransaction> BeginTransactionAsync(CancellationToken cancellationToken = default)
    {
        if (_transaction is not null)
        {
            throw new InvalidOperationException("A zone transaction is already open in this scope.");
        }

        var connection = await OpenAsync(cancellationToken);
        _transaction = new ZoneTransaction(this, await connection.BeginTransactionAsync(cancellationToken));
        return _transaction;
    }

    public async ValueTask DisposeAsync()
    {
        if (_transaction is not null)
        {
            await _transaction.DisposeAsync();
        }

        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }
    }

    public void Dispose()
    {
        _transaction?.Transaction.Dispose();
        _connection?.Dispose();
    }

    private DbConnection GetConnection()
    {
        var zone = zoneContext.Current;
        if (_connection is not null)
        {
            return _connectionSlug == zone.Slug
                ? _connection
                : throw new InvalidOperationException($"This scope's database belongs to zone '{_connectionSlug}', not '{zone.Slug}'.");
        }

        // DbContext options are built synchronously: the connection is opened later, by OpenAsync.
        _connection = storage.CreateZoneConnection(zone.Slug);
        _connectionSlug = zone.Slug;
        return _connection;
    }

    private async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = GetConnection();
        if (connection.State != ConnectionState.Open)
        {
            await connection.OpenAsync(cancellationToken);
            await storage.PrepareZoneConnectionAsync(connection, _connectionSlug!, cancellationToken);
        }

        return connection;
    }

    private DbConnection Open()
    {
        var connection = GetConnection();
        if (connection.State != ConnectionState.Open)
        {
            connection.Open();
            storage.PrepareZoneConnection(connection, _connectionSlug!);
        }

        return connection;
    }

    /// <summary>
    /// Takes over EF Core's opening and closing of the scope's connection: opened and prepared once (SQLite
    /// pragmas, the zone's PostgreSQL schema), closed only when the scope ends, whichever context used it first.
    /// </summary>
    private sealed class ConnectionInterceptor(ZoneDatabase owner) : DbConnectionInterceptor
    {
        public override async ValueTask<InterceptionResult> ConnectionOpeningAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
        {
            if (!ReferenceEquals(connection, owner._connection))
            {
                return result;
            }

            await owner.OpenAsync(cancellationToken);
            return InterceptionResult.Suppress();
        }

        public override InterceptionResult ConnectionOpening(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
        {
            if (!ReferenceEquals(connection, owner._connection))
            {
                return result;
            }

            owner.Open();
            return InterceptionResult.Suppress();
        }

        public override ValueTask<InterceptionResult> ConnectionClosingAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result) =>
            ValueTask.FromResult(ReferenceEquals(connection, owner._connection) ? InterceptionResult.Suppress() : result);

        public override InterceptionResult ConnectionClosing(DbConnection connection, ConnectionEventData eventData, InterceptionResult result) =>
            ReferenceEquals(connection, owner._connection) ? InterceptionResult.Suppress() : result;
    }

    private sealed class ZoneTransaction(ZoneDatabase owner, DbTransaction transaction) : IZoneTransaction
    {
        private bool _completed;

        public DbTransaction Transaction { get; } = transaction;

        public async Task CommitAsync(CancellationToken cancellationToken = default)
        {
            await Transaction.CommitAsync(cancellationToken);
            _completed = true;
            owner.ReleaseEnlisted();
        }

        public async ValueTask DisposeAsync()
        {
            if (!_completed)
            {
                await Transaction.RollbackAsync();
                _completed = true;
            }

            owner.ReleaseEnlisted();
            await Transaction.DisposeAsync();
            owner._transaction = null;
        }
    }

    /// <summary>
    /// Detaches the contexts that joined the transaction that just completed: EF would otherwise keep
    /// using it for the context's next command (and fail) when the scope starts another transaction.
    /// </summary>
    private void ReleaseEnlisted()
    {
        foreach (var context in _enlisted)
        {
            try
            {
                context.Database.UseTransaction(null);
            }
            catch (ObjectDisposedException)
            {
                // The scope is ending and disposed the context first: there is nothing left to detach.
            }
        }

        _enlisted.Clear();
    }

    /// <summary>Makes EF commands and SaveChanges of any module context join the scope's transaction.</summary>
    private sealed class EnlistInterceptor(ZoneDatabase owner) : DbCommandInterceptor, ISaveChangesInterceptor
    {
        public override DbCommand CommandInitialized(CommandEndEventData eventData, DbCommand result)
        {
            if (result.Transaction is null && owner.CurrentTransaction is { } transaction)
            {
                result.Transaction = transaction;
            }

            return result;
        }

        public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Enlist(eventData.Context);
            return ValueTask.FromResult(result);
        }

        public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
        {
            Enlist(eventData.Context);
            return result;
        }

        private void Enlist(DbContext? context)
        {
            if (context is not null && owner.CurrentTransaction is { } transaction && context.Database.CurrentTransaction is null)
            {
                context.Database.UseTransaction(transaction);
                owner._enlisted.Add(context);
            }
        }
    }
}
