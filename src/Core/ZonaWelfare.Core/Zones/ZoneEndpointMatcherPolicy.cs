using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Matching;
using ZonaWelfare.Abstractions.Routing;
using ZonaWelfare.Abstractions.Zones;

namespace ZonaWelfare.Core.Zones;

/// <summary>
/// Zone endpoints answer only inside a zone that enables their module; platform endpoints only outside
/// zones. An endpoint with neither marker (static assets) answers everywhere. Invalid candidates fall
/// through to a 404, exactly as if the endpoint did not exist.
/// </summary>
internal sealed class ZoneEndpointMatcherPolicy : MatcherPolicy, IEndpointSelectorPolicy
{
    public override int Order => 0;

    public bool AppliesToEndpoints(IReadOnlyList<Endpoint> endpoints) =>
        endpoints.Any(e => e.Metadata.GetMetadata<ZoneEndpointAttribute>() is not null || e.Metadata.GetMetadata<PlatformEndpointAttribute>() is not null);

    public Task ApplyAsync(HttpContext httpContext, CandidateSet candidates)
    {
        var zone = httpContext.RequestServices.GetRequiredService<IZoneContext>().Zone;
        for (var i = 0; i < candidates.Count; i++)
        {
            if (!candidates.IsValidCandidate(i))
            {
                continue;
            }

            var metadata = candidates[i].Endpoint.Metadata;
            var valid = metadata.GetMetadata<ZoneEndpointAttribute>() is { } zoneEndpoint
                ? zone is not null && (zoneEndpoint.ModuleId is null || zone.IsModuleEnabled(zoneEndpoint.ModuleId))
                : metadata.GetMetadata<PlatformEndpointAttribute>() is null || zone is null;
            candidates.SetValidity(i, valid);
        }

        return Task.CompletedTask;
    }
}
