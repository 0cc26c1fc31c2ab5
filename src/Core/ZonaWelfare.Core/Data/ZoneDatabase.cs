using System.Data;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using ZonaWelfare.Abstractions.Data;
using ZonaWelfare.Abstractions.Zones;
using ZonaWelfare.Core.Storage;

namespace ZonaWelfare.Core.Data;

/// <summary>
/// One connection per scope to the current zone's database, shared by every module DbContext of the
/// scope; a transaction begun here is joined by all of them. The connection is created closed when the first
/// context is attached and opened, asynchronously, by the first command that needs it: EF Core's opening goes
/// through <see cref="ConnectionInterceptor"/>, which opens and prepares it once and keeps it open until the scope
/// ends. No thread waits on the open. The contexts' options are shared by the whole process
/// (<see cref="ZoneDbContextOptions"/>): the interceptors find the scope's database from the connection they see.
/// </summary>
internal sealed class ZoneDatabase(IZoneContext zoneContext, IZoneStorage storage) : IZoneDatabase, IAsyncDisposable, IDisposable
{
    /// <summary>Which scope's database a zone connection belongs to, for the process-wide interceptors.</summary>
    private static readonly ConditionalWeakTable<DbConnection, ZoneDatabase> Owners = new();

    /// <summary>Which scope's database a zone DbContext was attached to, until it asks for its connection.</summary>
    private static readonly ConditionalWeakTable<DbContext, ZoneDatabase> Attached = new();

    /// <summary>The interceptors every zone DbContext carries (added once, to the shared options).</summary>
    internal static readonly IInterceptor[] Interceptors = [new EnlistInterceptor(), new ConnectionInterceptor()];

    private readonly List<DbContext> _enlisted = [];
    private DbConnection? _connection;
    private string? _connectionSlug;
    private ZoneTransaction? _transaction;

    public string Provider => storage.Provider.ToString();

    public DbTransaction? CurrentTransaction => _transaction?.Transaction;

    /// <summary>
    /// Records the context as this scope's; the connection is handed over only when EF Core first needs one
    /// (<see cref="ConnectionInterceptor.ConnectionCreating"/>), so a context a request resolves but never queries
    /// (settings, content types and the like come from the zone's data cache) costs no EF Core service setup.
    /// </summary>
    public void Attach(DbContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        Attached.AddOrUpdate(context, this);
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

        // Contexts are attached synchronously: the connection is opened later, by OpenAsync.
        _connection = storage.CreateZoneConnection(zone.Slug);
        _connectionSlug = zone.Slug;
        Owners.AddOrUpdate(_connection, this);
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
    private sealed class ConnectionInterceptor : DbConnectionInterceptor
    {
        // Only for the context's own connection, configured without a connection string: EF Core makes others from the
        // zone's connection string for itself (SQLite's read-only check whether the database exists), and must keep them.
        public override InterceptionResult<DbConnection> ConnectionCreating(ConnectionCreatingEventData eventData, InterceptionResult<DbConnection> result) =>
            eventData.ConnectionString is null && eventData.Context is { } context && Attached.TryGetValue(context, out var owner)
                ? InterceptionResult<DbConnection>.SuppressWithResult(owner.GetConnection())
                : result;

        // EF Core counts a connection it asked for as its own, and would dispose it with the first context: the scope's database does.
        public override InterceptionResult ConnectionDisposing(DbConnection connection, ConnectionEventData eventData, InterceptionResult result) =>
            OwnerOf(connection) is not null ? InterceptionResult.Suppress() : result;

        public override ValueTask<InterceptionResult> ConnectionDisposingAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result) =>
            ValueTask.FromResult(OwnerOf(connection) is not null ? InterceptionResult.Suppress() : result);

        public override async ValueTask<InterceptionResult> ConnectionOpeningAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
        {
            if (OwnerOf(connection) is not { } owner)
            {
                return result;
            }

            await owner.OpenAsync(cancellationToken);
            return InterceptionResult.Suppress();
        }

        public override InterceptionResult ConnectionOpening(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
        {
            if (OwnerOf(connection) is not { } owner)
            {
                return result;
            }

            owner.Open();
            return InterceptionResult.Suppress();
        }

        public override ValueTask<InterceptionResult> ConnectionClosingAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result) =>
            ValueTask.FromResult(OwnerOf(connection) is not null ? InterceptionResult.Suppress() : result);

        public override InterceptionResult ConnectionClosing(DbConnection connection, ConnectionEventData eventData, InterceptionResult result) =>
            OwnerOf(connection) is not null ? InterceptionResult.Suppress() : result;
    }

    /// <summary>The scope database whose open connection this is; null for a connection it does not manage (or no longer: disposed).</summary>
    private static ZoneDatabase? OwnerOf(DbConnection? connection) =>
        connection is not null && Owners.TryGetValue(connection, out var owner) && ReferenceEquals(owner._connection, connection) ? owner : null;

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
            // A scope ending with its transaction still open may have had its connection closed by a disposed context (which rolled it back).
            if (!_completed && Transaction.Connection is { State: ConnectionState.Open })
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
    private sealed class EnlistInterceptor : DbCommandInterceptor, ISaveChangesInterceptor
    {
        public override DbCommand CommandInitialized(CommandEndEventData eventData, DbCommand result)
        {
            if (result.Transaction is null && OwnerOf(eventData.Connection)?.CurrentTransaction is { } transaction)
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

        private static void Enlist(DbContext? context)
        {
            if (context is not null && OwnerOf(context.Database.GetDbConnection()) is { CurrentTransaction: { } transaction } owner && context.Database.CurrentTransaction is null)
            {
                context.Database.UseTransaction(transaction);
                owner._enlisted.Add(context);
            }
        }
    }
}
