using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;

namespace ZonaWelfare.Modules.Contents.Services;

/// <summary>
/// First path segments other endpoints answer to (admin, account, media, opendata…): a page may not
/// take them, or it would be shadowed. Computed once from the host's endpoints, the same for every zone.
/// </summary>
internal sealed class ReservedRoutes(EndpointDataSource endpoints)
{
    private readonly Lazy<HashSet<string>> _segments = new(() => Compute(endpoints));

    public bool IsReserved(string path)
    {
        var first = path.Split('/', 2)[0];
        return _segments.Value.Contains(first) || first is "admin" or "account" or "media" or "api" or "error";
    }

    private static HashSet<string> Compute(EndpointDataSource endpoints)
    {
        var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var endpoint in endpoints.Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.RoutePattern.PathSegments is [{ Parts: [RoutePatternLiteralPart literal] }, ..])
            {
                set.Add(literal.Content);
            }
        }

        return set;
    }
}
