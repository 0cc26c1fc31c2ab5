using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ZonaWelfare.Core.Jobs;

/// <summary>
/// Starts this node's scheduler with the host (after the platform initializer has migrated the store) and
/// stops it with the host, letting running jobs finish for as long as the host's shutdown allows.
/// </summary>
internal sealed class ZoneJobsHost(ZoneJobScheduler scheduler, IOptions<JobsOptions> options) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.RunScheduler)
        {
            await (await scheduler.GetAsync(cancellationToken)).Start(cancellationToken);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (options.Value.RunScheduler)
        {
            await (await scheduler.GetAsync(cancellationToken)).Shutdown(waitForJobsToComplete: true, cancellationToken);
        }
    }
}
