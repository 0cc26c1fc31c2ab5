using Microsoft.Extensions.DependencyInjection;

namespace ZonaWelfare.Abstractions.Zones;

/// <summary>
/// The one way to run work in a zone outside an HTTP request (a job, a CLI command, a test, a benchmark):
/// a DI scope whose <see cref="IZoneContext"/> is the zone, so every zone DbContext, the zone database and
/// the zone's files resolve to it. Requests get their zone from the zone middleware instead.
/// A scope holds its zone: the platform never releases an idle zone while a scope in it is open.
/// </summary>
public interface IZoneScopeFactory
{
    /// <summary>
    /// Activates the zone on this node if it is not yet (creates its store, runs the migrations of the
    /// platform and of its enabled modules; a no-op once done), then opens a scope in it.
    /// </summary>
    Task<IZoneScope> CreateScopeAsync(ZoneDescriptor zone, CancellationToken cancellationToken = default);

    /// <summary>
    /// Opens a scope in the zone only if it is activated on this node now (and holds it there, as
    /// <see cref="CreateScopeAsync"/> does); null otherwise. For background work that follows the zones in use,
    /// such as an index catching up with other nodes' changes, which must not wake a zone released as idle.
    /// </summary>
    IZoneScope? TryCreateActiveScope(ZoneDescriptor zone);

    /// <summary>
    /// Opens a scope in the zone exactly as its store is now, without activating it. For the platform's own
    /// set-up work: the migrations themselves, and recipes validated or applied to a zone that is being
    /// created or changed. Module code wants <see cref="CreateScopeAsync"/>.
    /// </summary>
    IZoneScope CreateUnactivatedScope(ZoneDescriptor zone);
}

/// <summary>A DI scope that belongs to one zone; dispose it (preferably asynchronously) when the work is done.</summary>
public interface IZoneScope : IServiceScope, IAsyncDisposable
{
    ZoneDescriptor Zone { get; }
}
