using Microsoft.AspNetCore.Http;
using ZonaWelfare.Abstractions.Zones;

namespace ZonaWelfare.Core.Zones;

/// <summary>How a request names its zone.</summary>
internal enum ZoneMatchKind
{
    Host,
    PathPrefix,
    ApiPathPrefix,
}

/// <summary>A resolved zone and the request path as the zone's endpoints see it.</summary>
internal sealed record ZoneMatch(ZoneDescriptor Zone, ZoneMatchKind Kind, PathString PathBase, PathString Path);

/// <summary>
/// Finds the zone of a request: a host name the zone claims, else the first path segment
/// (<c>/{zone}/…</c>), else <c>/api/{zone}/…</c>. Reserved segments are never zone slugs.
/// </summary>
internal sealed class ZoneResolver(IZoneRegistry registry, Microsoft.Extensions.Options.IOptions<Recipes.PlatformOptions>? options = null)
{
    // The platform's own host names never resolve to a zone, even if a registry row claims one: /admin stays reachable.
    private readonly HashSet<string> _platformHosts = new(options?.Value.HostNames ?? [], StringComparer.OrdinalIgnoreCase);

    /// <summary>First path segments the platform keeps for itself.</summary>
    public static readonly IReadOnlySet<string> ReservedSlugs = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "admin", "api", "account", "lib", "css", "js", "img", "assets", "_content", "_framework",
        "health", "healthz", "favicon.ico", "robots.txt", "sitemap.xml", "static", "error", "openapi",
    };

    public async ValueTask<ZoneMatch?> ResolveAsync(HostString host, PathString pathBase, PathString path, CancellationToken cancellationToken)
    {
        if (host.HasValue && !_platformHosts.Contains(host.Host) && await registry.FindByHostAsync(host.Host, cancellationToken) is { } byHost)
        {
            return new ZoneMatch(byHost, ZoneMatchKind.Host, pathBase, path);
        }

        var (first, rest) = Split(path);
        if (first is null)
        {
            return null;
        }

        if (string.Equals(first, "api", StringComparison.OrdinalIgnoreCase))
        {
            var (slug, apiRest) = Split(rest);
            return slug is not null && !ReservedSlugs.Contains(slug) && await registry.FindBySlugAsync(slug, cancellationToken) is { } apiZone
                ? new ZoneMatch(apiZone, ZoneMatchKind.ApiPathPrefix, pathBase, new PathString("/api").Add(apiRest))
                : null;
        }

        return !ReservedSlugs.Contains(first) && await registry.FindBySlugAsync(first, cancellationToken) is { } zone
            ? new ZoneMatch(zone, ZoneMatchKind.PathPrefix, pathBase.Add("/" + first), rest)
            : null;
    }

    private static (string? First, PathString Remainder) Split(PathString path)
    {
        var value = path.Value;
        if (string.IsNullOrEmpty(value) || value == "/")
        {
            return (null, PathString.Empty);
        }

        var end = value.IndexOf('/', 1);
        return end < 0
            ? (value[1..], PathString.Empty)
            : (value[1..end], new PathString(value[end..]));
    }
}
