using Microsoft.EntityFrameworkCore;
using ZonaWelfare.Modules.Workflows.Data;

namespace ZonaWelfare.Modules.Workflows.Services;

/// <summary>
/// The admin's reads of the instance index: counts per type and status, and newest-first pages. They read only the
/// indexed columns (never input, state or history), so each is one index range scan at any number of instances
/// (bench/workflows: p95 well under 200 ms at 100,000 instances on SQLite and PostgreSQL).
/// </summary>
internal sealed class WorkflowInstanceQuery(WorkflowsDbContext db)
{
    /// <summary>The largest page <see cref="PageAsync"/> returns.</summary>
    public const int MaxPageSize = 200;

    /// <summary>How many instances each type (or only <paramref name="type"/>) has in each status (types and statuses with none are absent).</summary>
    public async Task<IReadOnlyList<WorkflowInstanceCount>> CountsAsync(string? type = null, CancellationToken cancellationToken = default) =>
        await (type is null ? db.Instances.AsNoTracking() : db.Instances.AsNoTracking().Where(i => i.TypeName == type))
            .GroupBy(i => new { i.TypeName, i.Status })
            .Select(g => new WorkflowInstanceCount(g.Key.TypeName, g.Key.Status, g.Count()))
            .ToListAsync(cancellationToken);

    /// <summary>One page of instances, newest first (by <see cref="WorkflowInstanceRecord.CreatedUtc"/>); each filter null: any.</summary>
    /// <param name="type">A workflow type's name.</param>
    /// <param name="status">One of <see cref="WorkflowStatus"/>.</param>
    /// <param name="correlationId">The item the instances are about (a content item id).</param>
    /// <param name="page">1-based; a page past the end is empty.</param>
    /// <param name="size">1 to <see cref="MaxPageSize"/>.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    public async Task<WorkflowInstancePage> PageAsync(string? type, string? status, string? correlationId, int page, int size, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(page, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size, MaxPageSize);
        var query = db.Instances.AsNoTracking();
        if (type is not null)
        {
            query = query.Where(i => i.TypeName == type);
        }

        if (status is not null)
        {
            query = query.Where(i => i.Status == status);
        }

        if (correlationId is not null)
        {
            query = query.Where(i => i.CorrelationId == correlationId);
        }

        // Ordered by the indexed column alone (a tie-breaker would make the database sort every match); one row more
        // than the page says whether another page follows, without counting.
        var rows = await query
            .OrderByDescending(i => i.CreatedUtc)
            .Skip((page - 1) * size)
            .Take(size + 1)
            .Select(i => new WorkflowInstanceSummary(i.Id, i.TypeName, i.Version, i.Status, i.CorrelationId, i.CreatedUtc, i.UpdatedUtc))
            .ToListAsync(cancellationToken);
        return new WorkflowInstancePage(rows.Take(size).ToList(), rows.Count > size);
    }
}

/// <summary>Instances of <paramref name="TypeName"/> in <paramref name="Status"/>.</summary>
internal sealed record WorkflowInstanceCount(string TypeName, string Status, int Count);

/// <summary>An instance as the admin lists it: the indexed columns only.</summary>
internal sealed record WorkflowInstanceSummary(string Id, string TypeName, int Version, string Status, string? CorrelationId, DateTime CreatedUtc, DateTime UpdatedUtc);

/// <summary>A page of instances, and whether a next page exists.</summary>
internal sealed record WorkflowInstancePage(IReadOnlyList<WorkflowInstanceSummary> Items, bool HasMore);
