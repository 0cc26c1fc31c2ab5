using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ZonaWelfare.Abstractions.Modules;

/// <summary>
/// The one public entry point of a module. The host finds every concrete subclass in the
/// assemblies it references. Services are registered once for the whole process; zone state
/// comes from <see cref="Zones.IZoneContext"/>.
/// </summary>
public abstract class ZoneModule
{
    public abstract ModuleManifest Manifest { get; }

    /// <summary>Registers the module's services, once for all zones.</summary>
    public virtual void ConfigureServices(IServiceCollection services)
    {
    }

    /// <summary>
    /// Maps the module's minimal-API endpoints. The builder is already scoped to zones and to this
    /// module: a request to a zone that has not enabled the module is a 404.
    /// </summary>
    public virtual void MapZoneEndpoints(IEndpointRouteBuilder zone)
    {
    }
}
