using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using ZonaWelfare.Abstractions.Caching;
using ZonaWelfare.Core.Storage;
using ZonaWelfare.Core.Zones;

namespace ZonaWelfare.Core.Caching;

/// <summary>
/// Drops what the nodes cache when a zone changes: this node's cached answers at once, and, where several nodes
/// share a PostgreSQL store, every other node's within moments (a NOTIFY that <see cref="ClusterEvictionListener"/>
/// hears). The zone's <see cref="ZoneDataCache"/> entries go with its pages. An embedded SQLite store has one node, so there is nobody to tell.
/// </summary>
internal sealed class ZoneEvictions(IOutputCacheStore store, ZoneDataCache data, IZoneStorage storage, ZoneRegistry registry, ILogger<ZoneEvictions> logger)
{
    /// <summary>The PostgreSQL channel of the evictions.</summary>
    public const string Channel = "zonawelfare_evictions";

    /// <summary>What a notification carries when the registry changed (a zone created, disabled, its modules).</summary>
    public const string RegistryChanged = "registry";

    private const string ZonePrefix = "zone:";

    /// <summary>The zone's cached answers are stale on every node.</summary>
    public async Task EvictZoneAsync(string slug, CancellationToken cancellationToken)
    {
        data.Drop(slug);
        await store.EvictByTagAsync(ZoneOutputCache.Tag(slug), cancellationToken);
        await BroadcastAsync(ZonePrefix + slug, cancellationToken);
    }

    /// <summary>The registry changed: every node forgets the zones it looked up.</summary>
    public async Task RegistryChangedAsync(CancellationToken cancellationToken)
    {
        registry.Invalidate();
        await BroadcastAsync(RegistryChanged, cancellationToken);
    }

    /// <summary>What another node told: evict here.</summary>
    public async Task ApplyAsync(string payload, CancellationToken cancellationToken)
    {
        if (payload == RegistryChanged)
        {
            registry.Invalidate();
        }
        else if (payload.StartsWith(ZonePrefix, StringComparison.Ordinal))
        {
            data.Drop(payload[ZonePrefix.Length..]);
            await store.EvictByTagAsync(ZoneOutputCache.Tag(payload[ZonePrefix.Length..]), cancellationToken);
        }
    }

    /// <summary>After this node may have missed notifications (its listener was down): forget everything.</summary>
    public async Task EvictEverythingAsync(CancellationToken cancellationToken)
    {
        registry.Invalidate();
        data.DropAll();
        await store.EvictByTagAsync(ZoneOutputCache.AllZonesTag, cancellationToken);
    }

    private async Task BroadcastAsync(string payload, CancellationToken cancellationToken)
    {
        if (storage.Provider != StorageProvider.Postgres)
        {
            return;
        }

        try
        {
            await using var connection = new NpgsqlConnection(storage.PlatformConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT pg_notify(@channel, @payload)", connection);
            command.Parameters.AddWithValue("channel", Channel);
            command.Parameters.AddWithValue("payload", payload);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (NpgsqlException ex)
        {
            // This node's change is committed and its own cache evicted; the others expire it within the cache lifetime.
            logger.LogWarning(ex, "Could not tell the other nodes to evict {Payload}", payload);
        }
    }
}

/// <summary>
/// Listens, on a PostgreSQL store, for the evictions other nodes announce, and applies them here. A lost connection
/// is re-opened with backoff; whatever was announced meanwhile is covered by evicting everything on reconnect.
/// </summary>
internal sealed partial class ClusterEvictionListener(IZoneStorage storage, ZoneEvictions evictions, ILogger<ClusterEvictionListener> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (storage.Provider != StorageProvider.Postgres)
        {
            return;
        }

        var delay = TimeSpan.FromMilliseconds(200);
        var first = true;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(storage.PlatformConnectionString);
                await connection.OpenAsync(stoppingToken);
                var pending = new List<string>();
                connection.Notification += (_, e) => pending.Add(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {ZoneEvictions.Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                if (!first)
                {
                    await evictions.EvictEverythingAsync(stoppingToken);
                }

                first = false;
                delay = TimeSpan.FromMilliseconds(200);
                while (!stoppingToken.IsCancellationRequested)
                {
                    // Notifications are raised while waiting, on this loop: no locking needed for the list.
                    await connection.WaitAsync(stoppingToken);
                    foreach (var payload in pending)
                    {
                        await evictions.ApplyAsync(payload, stoppingToken);
                    }

                    pending.Clear();
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or IOException)
            {
                LogLost(ex, delay.TotalMilliseconds);
                await Task.Delay(delay, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 10_000));
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Evictions listener lost its connection; retrying in {Delay} ms")]
    private partial void LogLost(Exception exception, double delay);
}
