using ZonaWelfare.Abstractions.Contents;
using ZonaWelfare.Modules.Bussola.Models;

namespace ZonaWelfare.Modules.Bussola.Services;

/// <summary>A service with its organization and locations, read from the published items they point to.</summary>
internal sealed record ServiceView(ContentItem Item, ServicePart Service, ContentItem? Organization, IReadOnlyList<(ContentItem Item, LocationPart Location)> Locations)
{
    public const string ServiceType = "Servizio";
    public const string RoutePrefix = "bussola/servizi/";

    public string Title => Item.DisplayText;

    public string? Slug => Item.Content["AutoroutePart"]?["slug"]?.GetValue<string>();

    public string? Path => Slug is { Length: > 0 } slug ? RoutePrefix + slug : null;

    public IEnumerable<string> Comuni => Locations.Select(l => l.Location.Comune).OfType<string>().Where(c => c.Length > 0).Distinct(StringComparer.Ordinal);

    public static async Task<ServiceView?> LoadAsync(IContentManager contents, ContentItem item, CancellationToken cancellationToken)
    {
        if (item.As<ServicePart>() is not { } service)
        {
            return null;
        }

        var organization = service.OrganizationId is { Length: > 0 } orgId ? await contents.GetAsync(orgId, VersionOptions.Published, cancellationToken) : null;
        var locations = new List<(ContentItem, LocationPart)>();
        foreach (var id in service.LocationIds)
        {
            if (await contents.GetAsync(id, VersionOptions.Published, cancellationToken) is { } location && location.As<LocationPart>() is { } part)
            {
                locations.Add((location, part));
            }
        }

        return new ServiceView(item, service, organization, locations);
    }
}
