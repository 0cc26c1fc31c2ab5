using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Quartz;
using ZonaWelfare.Abstractions.Zones;
using ZonaWelfare.Core.Data;
using ZonaWelfare.Core.Zones;

namespace ZonaWelfare.Core.Jobs;

/// <summary>
/// Deletes a zone's done jobs older than <see cref="JobsOptions.DoneRetention"/>, then sets its own trigger
/// for when the oldest remaining done job expires. A zone has this trigger only while it has done jobs, so
/// retention costs nothing in zones without any.
/// </summary>
internal sealed class ZoneJobPruneJob(
    ZoneRegistry registry,
    IZoneScopeFactory zoneScopes,
    ZoneJobScheduler scheduler,
    IOptions<JobsOptions> options,
    TimeProvider clock) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var slug = context.MergedJobDataMap.GetString(ZoneJobScheduler.DataZone)!;
        if (await registry.LoadAsync(slug, cancellationToken) is not { } zone)
        {
            return;
        }

        var retention = options.Value.DoneRetention;
        var cutoff = clock.GetUtcNow().UtcDateTime - retention;
        await using var scope = await zoneScopes.CreateScopeAsync(zone, cancellationToken);
        var db = scope.ServiceProvider.GetRequiredService<CoreZoneDbContext>();
        await db.Jobs.Where(j => j.State == ZoneJobState.Done && j.CompletedUtc <= cutoff).ExecuteDeleteAsync(cancellationToken);
        var oldest = await db.Jobs.Where(j => j.State == ZoneJobState.Done).MinAsync(j => j.CompletedUtc, cancellationToken);
        if (oldest is { } completed)
        {
            await scheduler.SchedulePruneAsync(slug, new DateTimeOffset(DateTime.SpecifyKind(completed, DateTimeKind.Utc) + retention, TimeSpan.Zero), cancellationToken);
        }
    }
}
