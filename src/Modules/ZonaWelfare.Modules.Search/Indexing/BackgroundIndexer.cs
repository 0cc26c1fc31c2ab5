using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ZonaWelfare.Abstractions.Zones;

namespace ZonaWelfare.Modules.Search.Indexing;

/// <summary>
/// This node's indexer: catches up the zones signalled by content changes here and, every poll interval,
/// the zones whose index is open here (to follow changes made on other nodes); prunes the log of applied
/// tasks and closes idle indexes. Stopping it mid-batch loses nothing: uncommitted work is rolled back and
/// the next start resumes from the watermark in the last Lucene commit.
/// </summary>
internal sealed partial class BackgroundIndexer(
    IndexingSignal signal,
    ZoneIndexer indexer,
    ZoneIndexManager indexes,
    IZoneRegistry registry,
    IOptions<SearchOptions> options,
    TimeProvider clock,
    ILogger<BackgroundIndexer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var lastPrune = clock.GetTimestamp();
        while (!stoppingToken.IsCancellationRequested)
        {
            IReadOnlySet<string> signalled;
            try
            {
                signalled = await signal.WaitAsync(options.Value.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var prune = clock.GetElapsedTime(lastPrune) >= options.Value.PruneInterval;
            // Zones changed on this node are caught up (and activated if need be); the others only while activated
            // here, so a zone the platform released as idle stays released.
            foreach (var slug in signalled.Union(indexes.OpenZones).ToList())
            {
                await RunAsync(slug, prune, onlyIfActive: !signalled.Contains(slug), stoppingToken);
            }

            if (prune)
            {
                lastPrune = clock.GetTimestamp();
            }

            indexes.CloseIdle(options.Value.IdleTimeout);
        }
    }

    private async Task RunAsync(string slug, bool prune, bool onlyIfActive, CancellationToken stoppingToken)
    {
        try
        {
            var zone = await registry.FindBySlugAsync(slug, stoppingToken);
            if (zone is not { State: ZoneState.Running } || !zone.IsModuleEnabled(SearchModule.Id))
            {
                indexes.Close(slug);
                return;
            }

            var applied = await indexer.CatchUpAsync(zone, stoppingToken, onlyIfActive);
            if (applied > 0)
            {
                LogCaughtUp(slug, applied);
            }

            if (prune)
            {
                await indexer.PruneAsync(zone, stoppingToken, onlyIfActive);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: the work not committed is redone on the next start.
        }
        catch (Exception ex)
        {
            // One zone's failure (e.g. its database unreachable) must not stop the others; retried next poll.
            LogFailed(ex, slug);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Search index of zone {Zone}: {Count} tasks applied")]
    private partial void LogCaughtUp(string zone, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Search index of zone {Zone}: catching up failed; retrying at the next poll")]
    private partial void LogFailed(Exception exception, string zone);
}
