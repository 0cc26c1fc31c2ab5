using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ZonaWelfare.Modules.Workflows.Data;

namespace ZonaWelfare.Modules.Workflows.Services;

/// <summary>
/// The admin's reads of the instance index: counts per type and status, and newest-first pages by keyset. They read
/// only the indexed columns (never input, state or history), and every index on the list's filters ends with
/// (<c>CreatedUtc</c>, <c>Id</c>), the list's order, so a page is one index range scan however deep it is and however
/// many instances the zone has (bench/workflows: p95 well under 200 ms at 100,000 instances on SQLite and PostgreSQL).
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

    /// <summary>Instances per status under the filter's type and item (its status is ignored): the list's status chips.</summary>
    public async Task<IReadOnlyDictionary<string, int>> StatusCountsAsync(WorkflowInstanceFilter filter, CancellationToken cancellationToken = default) =>
        await Filtered(filter with { Status = null })
            .GroupBy(i => i.Status)
            .Select(g => new { Status = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Status, g => g.Count, StringComparer.Ordinal, cancellationToken);

    /// <summary>
    /// One page of the filtered instances, newest first (by creation time, then id): the first page, the page older
    /// than <paramref name="after"/>, or the page newer than <paramref name="before"/> (which wins when both are given).
    /// </summary>
    public async Task<WorkflowInstancePage> PageAsync(
        WorkflowInstanceFilter filter, WorkflowInstanceCursor? before, WorkflowInstanceCursor? after, int size, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size, MaxPageSize);
        var query = Filtered(filter);
        if (before is { } newer)
        {
            // The page just above the cursor, read upwards from it, then shown newest first. The redundant range on
            // CreatedUtc alone is what lets either database seek the index rather than filter it.
            var up = await Select(query
                    .Where(i => i.CreatedUtc >= newer.CreatedUtc && (i.CreatedUtc > newer.CreatedUtc || i.Id.CompareTo(newer.Id) > 0))
                    .OrderBy(i => i.CreatedUtc).ThenBy(i => i.Id))
                .Take(size + 1).ToListAsync(cancellationToken);
            var rows = up.Take(size).Reverse().ToList();
            return Page(rows, hasNewer: up.Count > size, hasOlder: true);
        }

        if (after is { } older)
        {
            query = query.Where(i => i.CreatedUtc <= older.CreatedUtc && (i.CreatedUtc < older.CreatedUtc || i.Id.CompareTo(older.Id) < 0));
        }

        var down = await Select(query.OrderByDescending(i => i.CreatedUtc).ThenByDescending(i => i.Id)).Take(size + 1).ToListAsync(cancellationToken);
        return Page(down.Take(size).ToList(), hasNewer: after is not null, hasOlder: down.Count > size);
    }

    private IQueryable<WorkflowInstanceRecord> Filtered(WorkflowInstanceFilter filter)
    {
        var query = db.Instances.AsNoTracking();
        if (filter.Type is { } type)
        {
            query = query.Where(i => i.TypeName == type);
        }

        if (filter.Status is { } status)
        {
            query = query.Where(i => i.Status == status);
        }

        if (filter.CorrelationId is { } correlationId)
        {
            query = query.Where(i => i.CorrelationId == correlationId);
        }

        return query;
    }

    private static IQueryable<WorkflowInstanceSummary> Select(IQueryable<WorkflowInstanceRecord> query) =>
        query.Select(i => new WorkflowInstanceSummary(i.Id, i.TypeName, i.Version, i.Status, i.CorrelationId, i.CreatedUtc, i.UpdatedUtc, i.EndedUtc));

    private static WorkflowInstancePage Page(List<WorkflowInstanceSummary> rows, bool hasNewer, bool hasOlder) => new(
        rows,
        hasNewer && rows.Count > 0 ? WorkflowInstanceCursor.Of(rows[0]) : null,
        hasOlder && rows.Count > 0 ? WorkflowInstanceCursor.Of(rows[^1]) : null);
}

/// <summary>What the list shows: each filter null means any.</summary>
/// <param name="Type">A workflow type's name.</param>
/// <param name="Status">One of <see cref="WorkflowStatus"/>.</param>
/// <param name="CorrelationId">The item the instances are about (a content item id).</param>
internal sealed record WorkflowInstanceFilter(string? Type = null, string? Status = null, string? CorrelationId = null);

/// <summary>Instances of <paramref name="TypeName"/> in <paramref name="Status"/>.</summary>
internal sealed record WorkflowInstanceCount(string TypeName, string Status, int Count);

/// <summary>An instance as the admin lists it: the indexed columns only.</summary>
internal sealed record WorkflowInstanceSummary(
    string Id, string TypeName, int Version, string Status, string? CorrelationId, DateTime CreatedUtc, DateTime UpdatedUtc, DateTime? EndedUtc);

/// <summary>A page of instances and the cursors of the pages beside it (null: none).</summary>
internal sealed record WorkflowInstancePage(IReadOnlyList<WorkflowInstanceSummary> Items, WorkflowInstanceCursor? Newer, WorkflowInstanceCursor? Older);

/// <summary>A position in the list (creation time and id, the list's order), written into the page's links.</summary>
internal readonly record struct WorkflowInstanceCursor(DateTime CreatedUtc, string Id)
{
    public static WorkflowInstanceCursor Of(WorkflowInstanceSummary row) => new(DateTime.SpecifyKind(row.CreatedUtc, DateTimeKind.Utc), row.Id);

    public override string ToString() => CreatedUtc.Ticks.ToString(CultureInfo.InvariantCulture) + "-" + Id;

    public static WorkflowInstanceCursor? Parse(string? text)
    {
        var dash = text?.IndexOf('-', StringComparison.Ordinal) ?? -1;
        return dash > 0 && long.TryParse(text![..dash], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) && ticks <= DateTime.MaxValue.Ticks
            ? new WorkflowInstanceCursor(new DateTime(ticks, DateTimeKind.Utc), text[(dash + 1)..])
            : null;
    }
}
