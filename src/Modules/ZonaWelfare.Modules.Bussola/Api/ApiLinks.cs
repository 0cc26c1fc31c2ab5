using Microsoft.AspNetCore.Http;
using ZonaWelfare.Abstractions.Zones;

namespace ZonaWelfare.Modules.Bussola.Api;

/// <summary>
/// Absolute addresses of the zone's API and public pages, as the client reached them. A zone reached by
/// one of its own host names answers at the root (<c>/api/…</c>, <c>/bussola/…</c>); otherwise its
/// pages live under <c>/{zone}/</c> and its API under <c>/api/{zone}/</c>.
/// </summary>
internal sealed class ApiLinks(HttpRequest request, ZoneDescriptor zone)
{
    private readonly string _root = request.Scheme + "://" + request.Host.ToUriComponent() + request.PathBase.ToUriComponent();

    private bool OwnHost => zone.HostNames.Contains(request.Host.Host, StringComparer.OrdinalIgnoreCase);

    /// <summary>The base of the API, without a trailing slash: <c>https://host/api/livornese</c>.</summary>
    public string ApiBase => OwnHost ? _root + "/api" : _root + "/api/" + zone.Slug;

    /// <summary>The base of the zone's public site, without a trailing slash.</summary>
    public string SiteBase => OwnHost ? _root : _root + "/" + zone.Slug;

    /// <summary>The absolute address of a public page from its path relative to the zone (e.g. <c>bussola/servizi/centro-diurno</c>).</summary>
    public string? ServicePage(string? path) => string.IsNullOrEmpty(path) ? null : SiteBase + "/" + string.Join('/', path.Split('/').Select(Uri.EscapeDataString));
}
