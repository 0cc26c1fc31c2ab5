using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;
using ZonaWelfare.Abstractions.Data;
using ZonaWelfare.Abstractions.Jobs;
using ZonaWelfare.Abstractions.Zones;
using ZonaWelfare.Core.Data;
using ZonaWelfare.Core.Storage;
using ZonaWelfare.Core.Zones;

namespace ZonaWelfare.Core.Jobs;

/// <summary>
/// What a dispatch trigger runs: "look at job X of zone Y". The trigger was written to the platform store
/// before the enqueuing zone transaction committed, so it may fire while that transaction is still open, or
/// after it rolled back. The claim therefore first waits for the zone's in-flight writers of the job table
/// (SQLite: the zone's write lock; PostgreSQL: a table lock that waits for open inserts), then reads: no row
/// means the transaction rolled back, and the job never existed.
/// </summary>
internal sealed partial class ZoneJobDispatchJob(
    ZoneRegistry registry,
    IZoneScopeFactory zoneScopes,
    ZoneJobScheduler scheduler,
    IZoneStorage storage,
    IEnumerable<ZoneJobRegistration> registrations,
    IOptions<JobsOptions> options,
    TimeProvider clock,
    ILogger<ZoneJobDispatchJob> logger) : IJob
{
    /// <summary>Retries of a dispatch that could not see its zone (not registered yet) or its job table (busy).</summary>
    private const int MaxWaits = 30;

    private const int MaxErrorLength = 4000;

    private readonly Dictionary<string, ZoneJobRegistration> _registrations = registrations.ToDictionary(r => r.Name, StringComparer.Ordinal);

    private JobsOptions Options => options.Value;

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var data = context.MergedJobDataMap;
        var slug = data.GetString(ZoneJobScheduler.DataZone)!;
        var jobId = data.GetString(ZoneJobScheduler.DataJob)!;
        var waits = data.TryGetInt(ZoneJobScheduler.DataWaits, out var w) ? w : 0;

        var zone = await registry.LoadAsync(slug, cancellationToken);
        if (zone is null)
        {
            // A zone being created writes its registry entry after its recipe's transaction: wait a little.
            // A zone that was deleted, or whose creation failed, never shows up, and the wait ends.
            await WaitForZoneAsync(slug, jobId, waits, cancellationToken);
            return;
        }

        if (zone.State != ZoneState.Running)
        {
            // A switched-off zone keeps its jobs until it is switched on again: one look per job every
            // UnavailableZoneDelay, for as long as it takes.
            await scheduler.ScheduleDispatchAsync(slug, jobId, clock.GetUtcNow() + Options.UnavailableZoneDelay, waits, cancellationToken);
            return;
        }

        await using var control = await zoneScopes.CreateScopeAsync(zone, cancellationToken);
        Claim claim;
        try
        {
            claim = await ClaimAsync(control.ServiceProvider, zone, jobId, context, cancellationToken);
        }
        catch (DbException ex) when (waits < MaxWaits)
        {
            // The enqueuing transaction held the job table longer than we wait (a long recipe): look again soon.
            LogClaimBusy(logger, ex, jobId, slug);
            await scheduler.ScheduleDispatchAsync(slug, jobId, clock.GetUtcNow() + Options.CommitWait, waits + 1, cancellationToken);
            return;
        }

        if (claim.Run is not { } job)
        {
            if (claim.CheckAgainAt is { } at)
            {
                await scheduler.ScheduleDispatchAsync(slug, jobId, at, waits, cancellationToken);
            }

            return;
        }

        await RunAsync(control.ServiceProvider, zone, job, claim.Registration!, cancellationToken);
    }

    private async Task<Claim> ClaimAsync(IServiceProvider services, ZoneDescriptor zone, string jobId, IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var database = services.GetRequiredService<IZoneDatabase>();
        var db = services.GetRequiredService<CoreZoneDbContext>();
        // SQLite: the transaction begins IMMEDIATE, i.e. waits for the zone's write lock, which an open
        // enqueuing transaction holds from its first write on.
        await using var transaction = await database.BeginTransactionAsync(cancellationToken);
        if (storage.Provider == StorageProvider.Postgres)
        {
            // Conflicts with the ROW EXCLUSIVE lock every open insert into the table holds (and with itself, so
            // two dispatchers of a zone take turns): it is granted once those transactions have ended.
            var barrier = "SET LOCAL lock_timeout = " + ((int)Options.CommitWait.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture)
                + "; LOCK TABLE " + ZoneJobRecord.Table + " IN SHARE ROW EXCLUSIVE MODE";
            await db.Database.ExecuteSqlRawAsync(barrier, cancellationToken);
        }

        var job = await db.Jobs.FirstOrDefaultAsync(j => j.Id == jobId, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        if (job is null)
        {
            LogNothingToRun(logger, jobId, zone.Slug);
            return Claim.Nothing;
        }

        switch (job.State)
        {
            case ZoneJobState.Done or ZoneJobState.Failed or ZoneJobState.Skipped:
                return Claim.Nothing;
            case ZoneJobState.Running when !context.Recovering && Utc(job.LeaseUntilUtc) > now:
                // Another node runs it: if that node dies, the cluster recovers its firing; this check is the
                // last resort for a firing that was lost with it.
                return Claim.Later(Utc(job.LeaseUntilUtc)!.Value);
            case ZoneJobState.Pending when Utc(job.NextAttemptUtc) > now.AddSeconds(1):
                // A firing older than the job's current schedule (e.g. before a "riprova"): the newer trigger runs it.
                return Claim.Nothing;
        }

        if (job.State == ZoneJobState.Running && job.Attempts >= job.MaxAttempts)
        {
            Finish(job, ZoneJobState.Failed, now, "L'ultimo tentativo è stato interrotto (il nodo che lo eseguiva si è fermato) e non ne restano altri.");
        }
        else if (!_registrations.TryGetValue(job.Name, out var registration))
        {
            Finish(job, ZoneJobState.Skipped, now, $"Questa versione della piattaforma non sa eseguire i lavori «{job.Name}».");
        }
        else if (job.ModuleId != CoreZoneDbContext.ModuleId && !zone.IsModuleEnabled(job.ModuleId))
        {
            // The platform skips jobs of modules the zone has not enabled: their handlers never see them. The
            // platform's own jobs (e-mail) belong to every zone, though "core" is never in its module list.
            Finish(job, ZoneJobState.Skipped, now, $"Il modulo «{job.ModuleId}» non è attivo nella zona: il lavoro non è stato eseguito.");
        }
        else
        {
            job.State = ZoneJobState.Running;
            job.Attempts++;
            job.StartedUtc = now;
            job.LeaseUntilUtc = now + Options.RunningLease;
            job.RunBy = $"{context.Scheduler.SchedulerInstanceId}/{context.FireInstanceId}";
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new Claim(Snapshot(job), registration, null);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Claim.Nothing;
    }

    private async Task RunAsync(IServiceProvider control, ZoneDescriptor zone, ZoneJobRecord claimed, ZoneJobRegistration registration, CancellationToken cancellationToken)
    {
        Exception? failure = null;
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            // Its own scope: the handler's DbContexts and transaction are not the ones that record its outcome.
            await using var scope = await zoneScopes.CreateScopeAsync(zone, cancellationToken);
            var context = new ZoneJobContext(claimed.Id, zone, claimed.Attempts, claimed.MaxAttempts);
            await registration.RunAsync(scope.ServiceProvider, claimed.Payload, context, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The scheduler is shutting down: the firing is recovered (Quartz recovery) and the job runs again.
            throw;
        }
        catch (Exception ex)
        {
            // Any failure of the handler is this attempt's outcome, kept for the zone's admin.
            failure = ex;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        DateTime? retryAt = failure is not null && claimed.Attempts < claimed.MaxAttempts ? now + Backoff(claimed.Attempts) : null;
        var db = control.GetRequiredService<CoreZoneDbContext>();
        db.ChangeTracker.Clear();
        // The outcome is written as a job is enqueued: the row in a zone transaction, the retry's trigger
        // before its commit. A retry that fires early waits for the commit, and were the process to die
        // before it, the row still says "running" and the cluster's recovery of this firing runs the job.
        await using var transaction = await control.GetRequiredService<IZoneDatabase>().BeginTransactionAsync(CancellationToken.None);
        var job = await db.Jobs.FirstOrDefaultAsync(j => j.Id == claimed.Id, CancellationToken.None);
        if (job is null || job.State != ZoneJobState.Running || job.RunBy != claimed.RunBy)
        {
            // Taken over after our lease ran out: the other run records the outcome.
            return;
        }

        if (failure is null)
        {
            Finish(job, ZoneJobState.Done, now, error: null);
            LogDone(logger, job.Name, job.Id, zone.Slug, job.Attempts, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        else if (retryAt is { } at)
        {
            job.State = ZoneJobState.Pending;
            job.NextAttemptUtc = at;
            job.LeaseUntilUtc = null;
            job.LastError = Describe(failure);
            LogRetry(logger, failure, job.Name, job.Id, zone.Slug, job.Attempts, job.MaxAttempts, at);
        }
        else
        {
            Finish(job, ZoneJobState.Failed, now, Describe(failure));
            LogFailed(logger, failure, job.Name, job.Id, zone.Slug, job.Attempts);
        }

        await db.SaveChangesAsync(CancellationToken.None);
        if (retryAt is { } next)
        {
            await scheduler.ScheduleDispatchAsync(zone.Slug, claimed.Id, next, cancellationToken: CancellationToken.None);
        }

        await transaction.CommitAsync(CancellationToken.None);
        if (job.State == ZoneJobState.Done)
        {
            await scheduler.SchedulePruneAsync(zone.Slug, now + Options.DoneRetention, CancellationToken.None);
        }
    }

    private async Task WaitForZoneAsync(string slug, string jobId, int waits, CancellationToken cancellationToken)
    {
        if (waits >= MaxWaits)
        {
            LogZoneGone(logger, jobId, slug);
            return;
        }

        // Short at first (a zone being created registers within seconds), then every UnavailableZoneDelay.
        var delay = TimeSpan.FromSeconds(Math.Min(Options.UnavailableZoneDelay.TotalSeconds, Math.Pow(2, waits + 1)));
        await scheduler.ScheduleDispatchAsync(slug, jobId, clock.GetUtcNow() + delay, waits + 1, cancellationToken);
    }

    private TimeSpan Backoff(int attempt)
    {
        var delay = Options.RetryBaseDelay * Math.Pow(2, Math.Min(attempt - 1, 30));
        return delay < Options.RetryMaxDelay ? delay : Options.RetryMaxDelay;
    }

    internal static void Finish(ZoneJobRecord job, ZoneJobState state, DateTime now, string? error)
    {
        job.State = state;
        job.CompletedUtc = now;
        job.LeaseUntilUtc = null;
        job.LastError = error ?? (state == ZoneJobState.Done ? null : job.LastError);
    }

    private static string Describe(Exception ex)
    {
        var text = $"{ex.GetType().Name}: {ex.Message}";
        return text.Length <= MaxErrorLength ? text : text[..MaxErrorLength];
    }

    /// <summary>SQLite gives dates back without a kind; they were written as UTC.</summary>
    private static DateTime? Utc(DateTime? value) => value is { } v ? DateTime.SpecifyKind(v, DateTimeKind.Utc) : null;

    private static DateTime Utc(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc);

    private static ZoneJobRecord Snapshot(ZoneJobRecord job) => new()
    {
        Id = job.Id,
        Name = job.Name,
        ModuleId = job.ModuleId,
        Payload = job.Payload,
        Attempts = job.Attempts,
        MaxAttempts = job.MaxAttempts,
        RunBy = job.RunBy,
    };

    private sealed record Claim(ZoneJobRecord? Run, ZoneJobRegistration? Registration, DateTimeOffset? CheckAgainAt)
    {
        public static readonly Claim Nothing = new(null, null, null);

        public static Claim Later(DateTime at) => new(null, null, new DateTimeOffset(at, TimeSpan.Zero));
    }

    [LoggerMessage(LogLevel.Debug, "Job {Job} of zone {Zone} not found: its transaction rolled back, nothing to run")]
    private static partial void LogNothingToRun(ILogger logger, string job, string zone);

    [LoggerMessage(LogLevel.Information, "Job {Name} {Job} of zone {Zone} done (attempt {Attempt}, {Elapsed} ms)")]
    private static partial void LogDone(ILogger logger, string name, string job, string zone, int attempt, double elapsed);

    [LoggerMessage(LogLevel.Warning, "Job {Name} {Job} of zone {Zone} failed (attempt {Attempt} of {Max}); retry at {RetryAt:o}")]
    private static partial void LogRetry(ILogger logger, Exception exception, string name, string job, string zone, int attempt, int max, DateTime retryAt);

    [LoggerMessage(LogLevel.Error, "Job {Name} {Job} of zone {Zone} failed for good after {Attempts} attempts")]
    private static partial void LogFailed(ILogger logger, Exception exception, string name, string job, string zone, int attempts);

    [LoggerMessage(LogLevel.Warning, "Job {Job} of zone {Zone}: the zone's job table stayed locked; dispatching again later")]
    private static partial void LogClaimBusy(ILogger logger, Exception exception, string job, string zone);

    [LoggerMessage(LogLevel.Warning, "Job {Job} of zone {Zone} dropped: the zone is not in the registry after every wait")]
    private static partial void LogZoneGone(ILogger logger, string job, string zone);
}
