using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using ZonaWelfare.Abstractions.Data;
using ZonaWelfare.Abstractions.Zones;
using ZonaWelfare.Core.Storage;

namespace ZonaWelfare.Core.Data;

/// <summary>
/// One connection per scope to the current zone's database, shared by every module DbContext of the
/// scope; a transaction begun here is joined by all of them. EF Core interceptors registered in the container
/// (<see cref="IZoneDbInterceptor"/>, e.g. a test counting SQL commands) are added to every module DbContext.
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
        builder.AddInterceptors(new EnlistInterceptor(this));
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

        var connection = GetConnection();
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

        // DbContext options are built synchronously; opening a local or pooled connection is quick.
        _connection = storage.OpenZoneConnectionAsync(zone.Slug, CancellationToken.None).GetAwaiter().GetResult();
        _connectionSlug = zone.Slug;
        return _connection;
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
