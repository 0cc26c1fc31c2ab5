using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;
using ZonaWelfare.Abstractions.Data;
using ZonaWelfare.Abstractions.Zones;
using ZonaWelfare.Core.Storage;

namespace ZonaWelfare.Core.Data;

/// <summary>
/// One connection per scope to the current zone's database, shared by every module DbContext of the
/// scope; a transaction begun here is joined by all of them.
/// </summary>
internal sealed class ZoneDatabase(IZoneContext zoneContext, IZoneStorage storage) : IZoneDatabase, IAsyncDisposable, IDisposable
{
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
        }

        public async ValueTask DisposeAsync()
        {
            if (!_completed)
            {
                await Transaction.RollbackAsync();
                _completed = true;
            }

            await Transaction.DisposeAsync();
            owner._transaction = null;
        }
    }

    /// <summary>Makes EF commands and SaveChanges of any module context join the scope's transaction.</summary>
    private sealed class EnlistInterceptor(ZoneDatabase owner) : DbCommandInterceptor, ISaveChangesInterceptor
    {
        public override DbCommand CommandInitialized(CommandEndEventData eventData, DbCommand result)
        {
            if (owner.CurrentTransaction is { } transaction)
            {
                result.Transaction = transaction;
            }
            else if (result.Transaction is { Connection: null })
            {
                // The context still points at a transaction of this scope that has completed.
                result.Transaction = null;
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

        /// <summary>
        /// Points the context at the scope's current transaction. A context used across several
        /// transactions of one scope still holds the previous, completed one: it is replaced, or EF
        /// would try to use it (e.g. for a savepoint) and fail.
        /// </summary>
        private void Enlist(DbContext? context)
        {
            if (context is null)
            {
                return;
            }

            var current = context.Database.CurrentTransaction?.GetDbTransaction();
            var wanted = owner.CurrentTransaction;
            if (current is null || current == wanted || (wanted is null && current.Connection is not null))
            {
                if (current is null && wanted is not null)
                {
                    context.Database.UseTransaction(wanted);
                }

                return;
            }

            context.Database.UseTransaction(null);
            if (wanted is not null)
            {
                context.Database.UseTransaction(wanted);
            }
        }
    }
}
