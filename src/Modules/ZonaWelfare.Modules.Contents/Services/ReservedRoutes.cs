using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.AspNetCore.Routing.Template;

namespace ZonaWelfare.Modules.Contents.Services;

/// <summary>
/// Whether another endpoint answers a page's address, so the page would be shadowed: the path is matched against
/// every GET endpoint of the host except the pages' own catch-all (<c>bussola</c> is taken by the Bussola's search
/// page, <c>bussola/servizi/centro-diurno</c> is free). The endpoints are read when routing is built; an earlier
/// call (a recipe applied while the host starts) reads the fixed sections only and caches nothing.
/// </summary>
internal sealed class ReservedRoutes(EndpointDataSource endpoints)
{
    /// <summary>Sections that are never pages, whatever endpoints exist.</summary>
    private static readonly HashSet<string> Sections = new(["admin", "account", "media", "api", "error"], StringComparer.OrdinalIgnoreCase);

    private Matchers? _matchers;

    public bool IsReserved(string path)
    {
        if (Sections.Contains(path.Split('/', 2)[0]))
        {
            return true;
        }

        var request = new PathString("/" + path.Trim('/'));
        return Current().Templates.Any(t => t.TryMatch(request, []));
    }

    private Matchers Current()
    {
        var list = endpoints.Endpoints;
        var matchers = _matchers;
        if (matchers is not null && ReferenceEquals(matchers.Source, list))
        {
            return matchers;
        }

        matchers = new Matchers(list, list.OfType<RouteEndpoint>().Where(Shadows).Select(e => new TemplateMatcher(new RouteTemplate(e.RoutePattern), [])).ToList());
        if (list.Count > 0)
        {
            _matchers = matchers;
        }

        return matchers;
    }

    /// <summary>GET endpoints that start with a literal segment; the pages' catch-all starts with a parameter.</summary>
    private static bool Shadows(RouteEndpoint endpoint)
    {
        if (endpoint.RoutePattern.PathSegments is not [{ Parts: [RoutePatternLiteralPart] }, ..])
        {
            return false;
        }

        var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>();
        return methods is null || methods.HttpMethods.Count == 0 || methods.HttpMethods.Contains(HttpMethods.Get, StringComparer.OrdinalIgnoreCase);
    }

    private sealed record Matchers(IReadOnlyList<Endpoint> Source, IReadOnlyList<TemplateMatcher> Templates);
}
