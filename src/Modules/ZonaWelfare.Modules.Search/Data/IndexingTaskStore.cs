using Microsoft.EntityFrameworkCore;
using ZonaWelfare.Abstractions.Caching;
using ZonaWelfare.Abstractions.Data;

namespace ZonaWelfare.Modules.Search.Data;

/// <summary>Reads and writes the durable indexing log of the current zone.</summary>
internal sealed class IndexingTaskStore(SearchDbContext db, IZoneDatabase database, IZoneDataCache cache, TimeProvider clock)
{
    /// <summary>The zone data cache's entry for the id of the last task, which searches compare with their index.</summary>
    public const string LastTaskCacheKey = "search:last-task";

    /// <summary>
    /// Appends a task inside the caller's transaction (the scope's zone transaction, joined automatically).
    /// Task ids must grow in commit order, or a node could move its watermark past a task whose
    /// transaction commits later. SQLite has one writer at a time, so that holds by itself; on PostgreSQL
    /// the insert first takes a per-zone transaction-scoped advisory lock, held until commit, so
    /// transactions that write tasks commit one after the other. The cached id of the last task is dropped on this
    /// node; the content change's eviction drops it on the others.
    /// </summary>
    public async Task EnqueueAsync(string contentItemId, IndexingTaskKind kind, CancellationToken cancellationToken)
    {
        cache.Remove(LastTaskCacheKey);
        var now = clock.GetUtcNow().UtcDateTime;
        if (database.Provider == "Postgres")
        {
            await db.Database.ExecuteSqlRawAsync(
                $"INSERT INTO \"{SearchDbContext.TasksTable}\" (\"ContentItemId\", \"Kind\", \"CreatedUtc\") " +
                "SELECT {0}, {1}, {2} FROM (SELECT pg_advisory_xact_lock(hashtext('zonawelfare.search.' || current_schema()))) AS zone_lock",
                [contentItemId, (int)kind, now],
                cancellationToken);
            return;
        }

        db.Tasks.Add(new IndexingTask { ContentItemId = contentItemId, Kind = kind, CreatedUtc = now });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The id every change so far is covered by: the last task, or the last pruned one when all were pruned.</summary>
    public async Task<long> LastTaskIdAsync(CancellationToken cancellationToken) =>
        Math.Max(await db.Tasks.MaxAsync(t => (long?)t.Id, cancellationToken) ?? 0, await PrunedThroughAsync(cancellationToken));

    public Task<List<IndexingTask>> PendingAsync(long after, int take, CancellationToken cancellationToken) =>
        db.Tasks.AsNoTracking().Where(t => t.Id > after).OrderBy(t => t.Id).Take(take).ToListAsync(cancellationToken);

    /// <summary>Tasks up to this id were pruned: an index whose watermark is lower must be rebuilt.</summary>
    public async Task<long> PrunedThroughAsync(CancellationToken cancellationToken) =>
        await db.State.AsNoTracking().Where(s => s.Name == SearchStateValue.PrunedThrough).Select(s => (long?)s.Value).FirstOrDefaultAsync(cancellationToken) ?? 0;

    /// <summary>Records how far this node's index has got, so pruning keeps what it still needs.</summary>
    public async Task ReportProgressAsync(string nodeId, long lastTaskId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var updated = await db.Nodes.Where(n => n.NodeId == nodeId)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.LastTaskId, lastTaskId).SetProperty(n => n.UpdatedUtc, now), cancellationToken);
        if (updated == 0)
        {
            db.Nodes.Add(new IndexNode { NodeId = nodeId, LastTaskId = lastTaskId, UpdatedUtc = now });
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>
    /// Deletes tasks every live node has processed and that are older than <paramref name="minimumAge"/>.
    /// A node not heard of for <paramref name="nodeRetention"/> stops holding tasks back; if it comes back
    /// it finds its watermark below <see cref="SearchStateValue.PrunedThrough"/> and rebuilds.
    /// </summary>
    public async Task<int> PruneAsync(TimeSpan minimumAge, TimeSpan nodeRetention, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var staleBefore = now - nodeRetention;
        await using var transaction = database.CurrentTransaction is null ? await database.BeginTransactionAsync(cancellationToken) : null;
        await db.Nodes.Where(n => n.UpdatedUtc < staleBefore).ExecuteDeleteAsync(cancellationToken);
        // With no live node, nothing holds tasks back: a node that comes back finds its watermark below
        // the pruned id and rebuilds, so pruning is always safe; the retention only spares rebuilds.
        var upTo = await db.Nodes.MinAsync(n => (long?)n.LastTaskId, cancellationToken) ?? long.MaxValue;
        var oldEnough = now - minimumAge;
        var through = await db.Tasks.Where(t => t.Id <= upTo && t.CreatedUtc < oldEnough).MaxAsync(t => (long?)t.Id, cancellationToken);
        if (through is not { } last)
        {
            return 0;
        }

        var deleted = await db.Tasks.Where(t => t.Id <= last).ExecuteDeleteAsync(cancellationToken);
        var state = await db.State.FirstOrDefaultAsync(s => s.Name == SearchStateValue.PrunedThrough, cancellationToken);
        if (state is null)
        {
            db.State.Add(new SearchStateValue { Name = SearchStateValue.PrunedThrough, Value = last });
        }
        else if (state.Value < last)
        {
            state.Value = last;
        }

        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        return deleted;
    }
}
