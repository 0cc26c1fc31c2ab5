using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ZonaWelfare.Abstractions.Caching;
using ZonaWelfare.Abstractions.Data;
using ZonaWelfare.Abstractions.Zones;
using ZonaWelfare.Core.Data;
using ZonaWelfare.Core.Recipes;
using ZonaWelfare.Core.Storage;

namespace ZonaWelfare.Core.Zones;

/// <summary>
/// The zones this process has activated. A zone is activated lazily, on its first use: its store is created if
/// needed and the migrations of the platform and of every module it enables run (again when its registry entry
/// changes, e.g. a module was enabled, so an upgrade or a new module migrates on next use).
/// Every use holds a <see cref="Lease"/>; beyond <see cref="PlatformOptions.MaxActiveZones"/> activated zones,
/// or after <see cref="PlatformOptions.ZoneIdleTimeout"/> without a request, the least recently requested zones
/// nobody holds are released: the <see cref="IZoneReleaseHandler"/>s of the modules free what they keep, then
/// the zone's pooled connections and cached answers go. The next use activates the zone again, after its
/// release has finished, so a zone is never open twice.
/// </summary>
internal sealed class ZoneActivator(
    IServiceScopeFactory scopes,
    IZoneStorage storage,
    IEnumerable<ZoneDbContextRegistration> contexts,
    IEnumerable<IZoneReleaseHandler> releaseHandlers,
    IOutputCacheStore outputCache,
    Caching.ZoneDataCache dataCache,
    IOptions<PlatformOptions> options,
    TimeProvider clock,
    ILogger<ZoneActivator> logger)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Activation> _active = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Task> _releasing = new(StringComparer.Ordinal);
    private readonly IZoneReleaseHandler[] _handlers = releaseHandlers.ToArray();
    private int _trimScheduled;

    /// <summary>How many zones are activated in this process now.</summary>
    public int ActiveCount
    {
        get
        {
            lock (_gate)
            {
                return _active.Count;
            }
        }
    }

    /// <summary>Slugs of the zones activated in this process, least recently requested first.</summary>
    public IReadOnlyList<string> ActiveZones
    {
        get
        {
            lock (_gate)
            {
                return _active.Values.OrderBy(a => a.LastUsed).Select(a => a.Slug).ToList();
            }
        }
    }

    /// <summary>
    /// Activates the zone if needed and holds it until the lease is disposed: a held zone is never released.
    /// <paramref name="request"/> marks a use by a request, which counts as recent use; background work (a job, the
    /// indexer) holds the zone without keeping it alive.
    /// </summary>
    public async Task<Lease> AcquireAsync(ZoneDescriptor zone, bool request, CancellationToken cancellationToken = default)
    {
        var stamp = zone.UpdatedUtc.Ticks;
        Activation activation;
        lock (_gate)
        {
            if (!_active.TryGetValue(zone.Slug, out activation!) || activation.Stamp != stamp || activation.HasFailed)
            {
                var previousRelease = _releasing.GetValueOrDefault(zone.Slug) ?? Task.CompletedTask;
                var fresh = new Activation(zone.Slug, stamp, clock.GetTimestamp());
                fresh.Start = new Lazy<Task>(() => ActivateAsync(zone, previousRelease));
                // A newer registry entry replaces the older activation; whoever still holds the old one keeps its lease there.
                activation = fresh;
                _active[zone.Slug] = activation;
            }
            else if (request)
            {
                activation.LastUsed = clock.GetTimestamp();
            }

            activation.Leases++;
        }

        var lease = new Lease(this, activation);
        try
        {
            await activation.Start.Value.WaitAsync(cancellationToken);
        }
        catch
        {
            lease.Dispose();
            throw;
        }

        TrimIfOverBound();
        return lease;
    }

    /// <summary>A lease on the zone if it is activated now, with the registry entry given; null otherwise (nothing is activated).</summary>
    public Lease? TryAcquireActive(ZoneDescriptor zone)
    {
        lock (_gate)
        {
            if (!_active.TryGetValue(zone.Slug, out var activation) || activation.Stamp != zone.UpdatedUtc.Ticks || !activation.HasSucceeded)
            {
                return null;
            }

            activation.Leases++;
            return new Lease(this, activation);
        }
    }

    /// <summary>
    /// Forgets a zone after it was created or deleted here: whatever its creation opened (pooled connections, an index
    /// a recipe step built) is released, and it activates afresh on its next use. A node creating many zones would
    /// otherwise keep every one's files open.
    /// </summary>
    public async Task ForgetAsync(string slug)
    {
        TaskCompletionSource done;
        lock (_gate)
        {
            _active.Remove(slug);
            done = BeginRelease(slug);
        }

        await FinishReleaseAsync(slug, done, CancellationToken.None);
    }

    /// <summary>
    /// Releases the zones nobody holds that are over the bound (least recently requested first) or idle for longer
    /// than the idle timeout; returns their slugs. Called after activations and by <see cref="ZoneReleaseService"/>.
    /// </summary>
    public async Task<IReadOnlyList<string>> ReleaseIdleAsync(CancellationToken cancellationToken = default)
    {
        var bound = options.Value.MaxActiveZones;
        var idleTimeout = options.Value.ZoneIdleTimeout;
        var releasing = new List<(string Slug, TaskCompletionSource Done)>();
        lock (_gate)
        {
            var free = _active.Values.Where(a => a.Leases == 0 && a.HasEnded).OrderBy(a => a.LastUsed).ToList();
            var over = bound > 0 ? _active.Count - bound : 0;
            foreach (var activation in free)
            {
                var idle = idleTimeout > TimeSpan.Zero && clock.GetElapsedTime(activation.LastUsed) >= idleTimeout;
                if (over <= 0 && !idle)
                {
                    continue;
                }

                over--;
                _active.Remove(activation.Slug);
                releasing.Add((activation.Slug, BeginRelease(activation.Slug)));
            }
        }

        foreach (var (slug, done) in releasing)
        {
            await FinishReleaseAsync(slug, done, cancellationToken);
        }

        return releasing.Select(r => r.Slug).ToList();
    }

    /// <summary>Creates the zone's store and brings the tables of the platform and of <paramref name="modules"/> up to date.</summary>
    public async Task MigrateAsync(ZoneDescriptor zone, IEnumerable<string> modules, CancellationToken cancellationToken)
    {
        await storage.EnsureZoneStoreAsync(zone.Slug, cancellationToken);
        var wanted = modules.Append(CoreZoneDbContext.ModuleId).ToHashSet(StringComparer.Ordinal);
        // Not through IZoneScopeFactory.CreateScopeAsync: that would activate the zone, i.e. come back here.
        await using var scope = ZoneScope.Open(scopes, zone);
        foreach (var registration in contexts.Where(c => wanted.Contains(c.ModuleId)))
        {
            var context = (DbContext)scope.ServiceProvider.GetRequiredService(registration.ContextType);
            await context.Database.MigrateAsync(cancellationToken);
        }
    }

    private async Task ActivateAsync(ZoneDescriptor zone, Task previousRelease)
    {
        // A zone released a moment ago is activated only once its release has closed everything it held.
        await previousRelease;
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await MigrateAsync(zone, zone.EnabledModules, CancellationToken.None);
        logger.LogInformation("Zone {Zone} activated in {Elapsed} ms", zone.Slug, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    /// <summary>Marks the zone as being released (call with the lock held): its next activation waits for the release.</summary>
    private TaskCompletionSource BeginRelease(string slug)
    {
        var previous = _releasing.GetValueOrDefault(slug) ?? Task.CompletedTask;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // Releases of one zone run one after the other, as activations wait for them.
        _releasing[slug] = previous.IsCompleted ? done.Task : Task.WhenAll(previous, done.Task);
        return done;
    }

    private async Task FinishReleaseAsync(string slug, TaskCompletionSource done, CancellationToken cancellationToken)
    {
        try
        {
            await ReleaseAsync(slug, cancellationToken);
        }
        finally
        {
            done.TrySetResult();
            lock (_gate)
            {
                if (_releasing.GetValueOrDefault(slug) is { IsCompleted: true })
                {
                    _releasing.Remove(slug);
                }
            }
        }
    }

    private async Task ReleaseAsync(string slug, CancellationToken cancellationToken)
    {
        foreach (var handler in _handlers)
        {
            try
            {
                await handler.ReleaseAsync(slug, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One module failing to free its part must not keep the others from freeing theirs.
                logger.LogError(ex, "{Handler} failed to release zone {Zone}", handler.GetType().Name, slug);
            }
        }

        storage.ReleaseZoneConnections(slug);
        dataCache.Drop(slug);
        await outputCache.EvictByTagAsync(ZoneOutputCache.Tag(slug), cancellationToken);
        logger.LogDebug("Idle zone {Zone} released", slug);
    }

    private void TrimIfOverBound()
    {
        var bound = options.Value.MaxActiveZones;
        if (bound <= 0 || ActiveCount <= bound || Interlocked.Exchange(ref _trimScheduled, 1) == 1)
        {
            return;
        }

        // Off the request's path: releasing closes files and indexes.
        _ = Task.Run(async () =>
        {
            try
            {
                await ReleaseIdleAsync();
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Releasing idle zones failed");
            }
            finally
            {
                Volatile.Write(ref _trimScheduled, 0);
            }
        });
    }

    private void Return(Activation activation)
    {
        lock (_gate)
        {
            activation.Leases--;
        }

        TrimIfOverBound();
    }

    internal sealed class Activation(string slug, long stamp, long lastUsed)
    {
        public string Slug { get; } = slug;

        public long Stamp { get; } = stamp;

        public Lazy<Task> Start { get; set; } = null!;

        /// <summary>Timestamp of the last request (or of the activation); guarded by the activator's lock.</summary>
        public long LastUsed { get; set; } = lastUsed;

        /// <summary>Requests and zone scopes using the zone now; guarded by the activator's lock.</summary>
        public int Leases { get; set; }

        public bool HasFailed => Start.IsValueCreated && Start.Value.IsFaulted;

        public bool HasSucceeded => Start.IsValueCreated && Start.Value.IsCompletedSuccessfully;

        /// <summary>Whether the activation has run, successfully or not: only then can the zone be released.</summary>
        public bool HasEnded => Start.IsValueCreated && Start.Value.IsCompleted;
    }

    /// <summary>A use of an activated zone: the zone is not released until every lease on it is disposed.</summary>
    internal sealed class Lease : IDisposable
    {
        private ZoneActivator? _owner;
        private readonly Activation _activation;

        internal Lease(ZoneActivator owner, Activation activation)
        {
            _owner = owner;
            _activation = activation;
        }

        public void Dispose() => Interlocked.Exchange(ref _owner, null)?.Return(_activation);
    }
}
