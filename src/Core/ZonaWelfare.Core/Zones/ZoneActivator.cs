using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ZonaWelfare.Abstractions.Data;
using ZonaWelfare.Abstractions.Zones;
using ZonaWelfare.Core.Data;
using ZonaWelfare.Core.Storage;

namespace ZonaWelfare.Core.Zones;

/// <summary>
/// Activates a zone lazily, on its first request: creates its store if needed and runs the migrations
/// of the platform and of every module it enables. Runs again when the zone's registry entry changes
/// (e.g. a module was enabled), so an upgrade or a new module migrates on next use.
/// </summary>
internal sealed class ZoneActivator(
    IServiceScopeFactory scopes,
    IZoneStorage storage,
    IEnumerable<ZoneDbContextRegistration> contexts,
    ILogger<ZoneActivator> logger)
{
    private readonly ConcurrentDictionary<string, Activation> _activations = new(StringComparer.Ordinal);

    public Task EnsureActivatedAsync(ZoneDescriptor zone, CancellationToken cancellationToken = default)
    {
        var stamp = zone.UpdatedUtc.Ticks;
        // AddOrUpdate may call its factories more than once under contention: the Lazy makes sure only
        // the activation that wins the race actually runs.
        var activation = _activations.AddOrUpdate(
            zone.Slug,
            _ => new Activation(stamp, new Lazy<Task>(() => ActivateAsync(zone))),
            (_, existing) => existing.Stamp == stamp && !existing.Task.Value.IsFaulted ? existing : new Activation(stamp, new Lazy<Task>(() => ActivateAsync(zone))));
        return activation.Task.Value.WaitAsync(cancellationToken);
    }

    /// <summary>Forgets a zone, e.g. after it was deleted.</summary>
    public void Forget(string slug) => _activations.TryRemove(slug, out _);

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

    private async Task ActivateAsync(ZoneDescriptor zone)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await MigrateAsync(zone, zone.EnabledModules, CancellationToken.None);
        logger.LogInformation("Zone {Zone} activated in {Elapsed} ms", zone.Slug, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    private sealed record Activation(long Stamp, Lazy<Task> Task);
}
