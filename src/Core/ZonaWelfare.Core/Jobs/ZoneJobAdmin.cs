using Microsoft.EntityFrameworkCore;
using ZonaWelfare.Abstractions.Data;
using ZonaWelfare.Abstractions.Zones;
using ZonaWelfare.Core.Data;

namespace ZonaWelfare.Core.Jobs;

/// <summary>One job as the zone's admin lists it.</summary>
public sealed record ZoneJobRow(
    string Id,
    string Name,
    string ModuleId,
    string? Description,
    ZoneJobState State,
    int Attempts,
    int MaxAttempts,
    string? LastError,
    DateTime CreatedUtc,
    DateTime NextAttemptUtc,
    DateTime? StartedUtc,
    DateTime? CompletedUtc);

/// <summary>A page of the zone's jobs, newest first, with how many jobs are in each state.</summary>
public sealed record ZoneJobPage(IReadOnlyList<ZoneJobRow> Items, ZoneJobState? State, int Page, int PageSize, int Total, IReadOnlyDictionary<ZoneJobState, int> Counts)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>The current zone's jobs for its admin pages: list them, and try a failed or skipped one again.</summary>
public sealed class ZoneJobAdmin
{
    private readonly IZoneContext _zoneContext;
    private readonly IZoneDatabase _database;
    private readonly CoreZoneDbContext _db;
    private readonly ZoneJobScheduler _scheduler;
    private readonly TimeProvider _clock;

    internal ZoneJobAdmin(IZoneContext zoneContext, IZoneDatabase database, CoreZoneDbContext db, ZoneJobScheduler scheduler, TimeProvider clock)
    {
        _zoneContext = zoneContext;
        _database = database;
        _db = db;
        _scheduler = scheduler;
        _clock = clock;
    }

    public async Task<ZoneJobPage> ListAsync(ZoneJobState? state, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        var counts = await _db.Jobs.GroupBy(j => j.State).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var query = _db.Jobs.AsNoTracking();
        if (state is { } wanted)
        {
            query = query.Where(j => j.State == wanted);
        }

        var total = state is { } s ? counts.GetValueOrDefault(s) : counts.Values.Sum();
        var pageCount = Math.Max(1, (total + pageSize - 1) / pageSize);
        page = Math.Clamp(page, 1, pageCount);
        var rows = await query
            .OrderByDescending(j => j.CreatedUtc).ThenByDescending(j => j.Id)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Select(j => new ZoneJobRow(j.Id, j.Name, j.ModuleId, j.Description, j.State, j.Attempts, j.MaxAttempts, j.LastError, j.CreatedUtc, j.NextAttemptUtc, j.StartedUtc, j.CompletedUtc))
            .ToListAsync(cancellationToken);
        return new ZoneJobPage(rows.Select(Utc).ToList(), state, page, pageSize, total, counts);
    }

    /// <summary>Puts a failed or skipped job back in the queue with all its attempts; false when the job is not in either state.</summary>
    public async Task<bool> RetryAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var transaction = await _database.BeginTransactionAsync(cancellationToken);
        var job = await _db.Jobs.FirstOrDefaultAsync(j => j.Id == id, cancellationToken);
        if (job is null || job.State is not (ZoneJobState.Failed or ZoneJobState.Skipped))
        {
            return false;
        }

        var now = _clock.GetUtcNow().UtcDateTime;
        job.State = ZoneJobState.Pending;
        job.Attempts = 0;
        job.NextAttemptUtc = now;
        job.CompletedUtc = null;
        await _db.SaveChangesAsync(cancellationToken);
        // As when enqueuing: the row in the open transaction, the trigger before the commit.
        await _scheduler.ScheduleDispatchAsync(_zoneContext.Current.Slug, job.Id, new DateTimeOffset(now, TimeSpan.Zero), cancellationToken: cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private static ZoneJobRow Utc(ZoneJobRow row) => row with
    {
        CreatedUtc = DateTime.SpecifyKind(row.CreatedUtc, DateTimeKind.Utc),
        NextAttemptUtc = DateTime.SpecifyKind(row.NextAttemptUtc, DateTimeKind.Utc),
        StartedUtc = row.StartedUtc is { } started ? DateTime.SpecifyKind(started, DateTimeKind.Utc) : null,
        CompletedUtc = row.CompletedUtc is { } completed ? DateTime.SpecifyKind(completed, DateTimeKind.Utc) : null,
    };
}
