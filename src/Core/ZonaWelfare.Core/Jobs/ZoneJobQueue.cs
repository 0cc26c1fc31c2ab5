using System.Text.Json;
using Microsoft.Extensions.Options;
using ZonaWelfare.Abstractions.Data;
using ZonaWelfare.Abstractions.Jobs;
using ZonaWelfare.Abstractions.Zones;
using ZonaWelfare.Core.Data;

namespace ZonaWelfare.Core.Jobs;

/// <summary>
/// Writes the job's row into the zone's own database, inside the scope's zone transaction (or one of its own),
/// and then, still before the commit, its dispatch trigger into the platform store. A rollback leaves only the
/// trigger, whose dispatch then finds nothing; a commit followed by a crash leaves a durable trigger that fires
/// on some node. So no zone database is ever polled for work.
/// </summary>
internal sealed class ZoneJobQueue(
    IZoneContext zoneContext,
    IZoneDatabase database,
    CoreZoneDbContext db,
    ZoneJobScheduler scheduler,
    IEnumerable<ZoneJobRegistration> registrations,
    IServiceProvider services,
    IOptions<JobsOptions> options,
    TimeProvider clock) : IZoneJobQueue
{
    public async Task<string> EnqueueAsync<TJob>(TJob job, ZoneJobOptions? jobOptions = null, CancellationToken cancellationToken = default)
        where TJob : class
    {
        ArgumentNullException.ThrowIfNull(job);
        var zone = zoneContext.Current;
        var registration = registrations.FirstOrDefault(r => r.JobType == typeof(TJob))
            ?? throw new InvalidOperationException($"No handler for zone jobs of type {typeof(TJob).FullName}: register one with services.AddZoneJob<{typeof(TJob).Name}, THandler>(name).");
        jobOptions ??= new ZoneJobOptions();
        var now = clock.GetUtcNow().UtcDateTime;
        var record = new ZoneJobRecord
        {
            Id = Guid.NewGuid().ToString("N"),
            Name = registration.Name,
            // The scope's provider: the handler is a generic service of the job's type, only known here.
            ModuleId = registration.ModuleIdOf(services),
            Description = jobOptions.Description,
            Payload = JsonSerializer.Serialize(job, ZoneJobRegistration.PayloadJson),
            State = ZoneJobState.Pending,
            MaxAttempts = jobOptions.MaxAttempts ?? registration.MaxAttempts ?? options.Value.MaxAttempts,
            CreatedUtc = now,
            NextAttemptUtc = now + jobOptions.Delay,
        };

        // The row first, then the trigger: once the trigger exists, the row is either committed or still
        // held by this open transaction, which the dispatcher waits for.
        var own = database.CurrentTransaction is null ? await database.BeginTransactionAsync(cancellationToken) : null;
        await using (own)
        {
            db.Jobs.Add(record);
            await db.SaveChangesAsync(cancellationToken);
            await scheduler.ScheduleDispatchAsync(zone.Slug, record.Id, new DateTimeOffset(record.NextAttemptUtc, TimeSpan.Zero), cancellationToken: cancellationToken);
            if (own is not null)
            {
                await own.CommitAsync(cancellationToken);
            }
        }

        return record.Id;
    }
}
