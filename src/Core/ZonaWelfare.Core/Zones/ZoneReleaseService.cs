using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ZonaWelfare.Core.Zones;

/// <summary>Every minute, releases the zones idle for longer than <c>Platform:ZoneIdleTimeout</c> (and any still over the bound).</summary>
internal sealed class ZoneReleaseService(ZoneActivator activator, TimeProvider clock, ILogger<ZoneReleaseService> logger) : BackgroundService
{
    internal static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    var released = await activator.ReleaseIdleAsync(stoppingToken);
                    if (released.Count > 0)
                    {
                        logger.LogInformation("Released {Count} idle zones; {Active} stay activated", released.Count, activator.ActiveCount);
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogError(ex, "Releasing idle zones failed");
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
    }
}
