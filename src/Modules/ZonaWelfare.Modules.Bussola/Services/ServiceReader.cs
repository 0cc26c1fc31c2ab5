using ZonaWelfare.Abstractions.Contents;
using ZonaWelfare.Modules.Bussola.Models;

namespace ZonaWelfare.Modules.Bussola.Services;

/// <summary>A service with its public address, its organization and its locations, read from the published items they point to.</summary>
internal sealed record ServiceView(ContentItem Item, ServicePart Service, string? Path, ContentItem? Organization, IReadOnlyList<(ContentItem Item, LocationPart Location)> Locations)
{
    public string Title => Item.DisplayText;

    public OrganizationPart? OrganizationPart => Organization?.As<OrganizationPart>();

    public IEnumerable<string> Comuni => Locations.Select(l => l.Location.Comune).OfType<string>().Where(c => c.Length > 0).Distinct(StringComparer.Ordinal);
}

/// <summary>
/// Reads services with what they include. Services, organizations and locations are recognised by their parts,
/// whatever a zone calls their types; the items a page of services points to are read in one query.
/// </summary>
internal sealed class ServiceReader(IContentManager contents, IContentMetadata metadata)
{
    /// <summary>The zone's types of services (those with a <see cref="ServicePart"/>), e.g. <c>Servizio</c>.</summary>
    public Task<IReadOnlyList<string>> ServiceTypesAsync(CancellationToken cancellationToken) => metadata.TypesWithPartAsync<ServicePart>(cancellationToken);

    public Task<IReadOnlyList<string>> OrganizationTypesAsync(CancellationToken cancellationToken) => metadata.TypesWithPartAsync<OrganizationPart>(cancellationToken);

    public Task<IReadOnlyList<string>> LocationTypesAsync(CancellationToken cancellationToken) => metadata.TypesWithPartAsync<LocationPart>(cancellationToken);

    /// <summary>The item's public address, from its type's pattern.</summary>
    public Task<string?> PathAsync(ContentItem item, CancellationToken cancellationToken) => metadata.PublicPathAsync(item, cancellationToken);

    /// <summary>The published service <paramref name="id"/> with what it includes, or null when there is no such published service.</summary>
    public async Task<ServiceView?> PublishedAsync(string id, CancellationToken cancellationToken) =>
        await contents.GetAsync(id, VersionOptions.Published, cancellationToken) is { } item ? await ViewAsync(item, cancellationToken) : null;

    public async Task<ServiceView?> ViewAsync(ContentItem item, CancellationToken cancellationToken) =>
        await ViewsAsync([item], cancellationToken) is [var view, ..] ? view : null;

    /// <summary>The services among <paramref name="items"/> (in their order), with their published organizations and locations.</summary>
    public async Task<IReadOnlyList<ServiceView>> ViewsAsync(IReadOnlyList<ContentItem> items, CancellationToken cancellationToken)
    {
        var services = items.Select(i => (Item: i, Service: i.As<ServicePart>())).Where(s => s.Service is not null).ToList();
        var related = services.SelectMany(s => s.Service!.LocationIds.Append(s.Service.OrganizationId ?? "")).Where(id => id.Length > 0);
        var included = (await contents.GetManyAsync(related, VersionOptions.Published, cancellationToken)).ToDictionary(i => i.ContentItemId, StringComparer.Ordinal);
        var views = new List<ServiceView>(services.Count);
        foreach (var (item, service) in services)
        {
            var organization = service!.OrganizationId is { } orgId && included.GetValueOrDefault(orgId) is { } org && org.Has<OrganizationPart>() ? org : null;
            var locations = service.LocationIds
                .Select(id => included.GetValueOrDefault(id))
                .Select(l => (Item: l, Location: l?.As<LocationPart>()))
                .Where(l => l.Location is not null)
                .Select(l => (l.Item!, l.Location!))
                .ToList();
            views.Add(new ServiceView(item, service, await metadata.PublicPathAsync(item, cancellationToken), organization, locations));
        }

        return views;
    }
}
