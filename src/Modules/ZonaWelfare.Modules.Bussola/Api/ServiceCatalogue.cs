using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ZonaWelfare.Abstractions.Contents;
using ZonaWelfare.Abstractions.Search;
using ZonaWelfare.Modules.Bussola.Data;
using ZonaWelfare.Modules.Bussola.Models;
using ZonaWelfare.Modules.Bussola.Services;

namespace ZonaWelfare.Modules.Bussola.Api;

/// <summary>What a service list asks for, once its parameters are checked.</summary>
internal sealed record ServiceListRequest(string? Text, IReadOnlyDictionary<string, IReadOnlyList<string>> Filters, DateTime? ModifiedAfter, int Page, int PerPage, bool MatchesNothing = false);

/// <summary>
/// Reads the current zone's published catalogue for the API: lists through the search index (text,
/// filters, paging), single records from the published content items, counts from the index tables.
/// </summary>
internal sealed class ServiceCatalogue(ISearchService search, IContentManager contents, IContentQuery query, ServiceReader reader, BussolaDbContext db)
{
    /// <summary>The search keyword field of a service's organization id.</summary>
    public const string OrganizationField = ServiceSearchContributor.OrganizationIdField;

    private static readonly StringComparer ItalianOrder = StringComparer.Create(CultureInfo.GetCultureInfo("it-IT"), ignoreCase: true);

    private TaxonomyCatalogue? _taxonomies;

    public async Task<TaxonomyCatalogue> TaxonomiesAsync(CancellationToken cancellationToken) =>
        _taxonomies ??= await TaxonomyCatalogue.LoadAsync(search, await reader.ServiceTypesAsync(cancellationToken), cancellationToken);

    /// <summary>A page of services: the ids from the search index, then the items, their organizations and comuni in one query each.</summary>
    public async Task<Page<ServiceSummary>> ListServicesAsync(ServiceListRequest request, ApiLinks links, CancellationToken cancellationToken)
    {
        if (request.MatchesNothing)
        {
            return Page.Of<ServiceSummary>([], 0, request.Page, request.PerPage);
        }

        var results = await search.SearchAsync(
            new SearchQuery
            {
                Text = request.Text,
                Types = await reader.ServiceTypesAsync(cancellationToken),
                Filters = request.Filters,
                // HSDS asks for "modified on or after"; the search range starts after its bound.
                ModifiedAfter = request.ModifiedAfter?.AddTicks(-1),
                Page = request.Page,
                PageSize = request.PerPage,
            },
            cancellationToken);
        var ids = results.Hits.Select(h => h.Id).ToList();
        // The search applied every pending change first; an item unpublished since is simply left out.
        var items = (await contents.GetManyAsync(ids, VersionOptions.Published, cancellationToken)).Where(i => i.Has<ServicePart>()).ToList();
        var services = items.Select(i => (Item: i, Service: i.As<ServicePart>()!)).ToList();
        var organizations = (await contents.GetManyAsync(services.Select(s => s.Service.OrganizationId ?? ""), VersionOptions.Published, cancellationToken))
            .Where(o => o.Has<OrganizationPart>())
            .ToDictionary(o => o.ContentItemId, o => o.DisplayText, StringComparer.Ordinal);
        var comuni = (await db.ServiceComuni.AsNoTracking().Where(c => ids.Contains(c.ContentItemId)).ToListAsync(cancellationToken))
            .ToLookup(c => c.ContentItemId, c => c.Comune, StringComparer.Ordinal);
        var summaries = new List<ServiceSummary>(services.Count);
        foreach (var (item, service) in services)
        {
            var organization = service.OrganizationId is { } orgId ? organizations.GetValueOrDefault(orgId) : null;
            summaries.Add(HsdsMapping.Summary(item, service, await reader.PathAsync(item, cancellationToken), organization, comuni[item.ContentItemId].Order(ItalianOrder).ToList(), links));
        }

        return Page.Of<ServiceSummary>(summaries, results.Total, request.Page, request.PerPage);
    }

    /// <summary>The fully nested published service, or null when the zone has no such published service.</summary>
    public async Task<ServiceRecord?> GetServiceAsync(string id, ApiLinks links, CancellationToken cancellationToken)
    {
        if (await reader.PublishedAsync(id, cancellationToken) is not { } view)
        {
            return null;
        }

        var organizationId = view.Service.OrganizationId;
        var organizationServices = view.Organization is null ? 0 : await db.Services.CountAsync(s => s.OrganizationId == organizationId, cancellationToken);
        return HsdsMapping.Record(view, organizationServices, await TaxonomiesAsync(cancellationToken), links);
    }

    /// <summary>A page of published organizations by name, with their counts of services: four queries whatever the page.</summary>
    public async Task<Page<OrganizationRecord>> ListOrganizationsAsync(string? text, int page, int perPage, CancellationToken cancellationToken)
    {
        var (total, items) = await query.ListPublishedPageAsync(await reader.OrganizationTypesAsync(cancellationToken), text, (page - 1) * perPage, perPage, cancellationToken);
        var ids = items.Select(i => i.ContentItemId).ToList();
        var counts = ids.Count == 0 ? [] : await db.Services.AsNoTracking()
            .Where(s => s.OrganizationId != null && ids.Contains(s.OrganizationId))
            .GroupBy(s => s.OrganizationId!)
            .Select(g => new { Id = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Id, g => g.Count, StringComparer.Ordinal, cancellationToken);
        var organizations = items.Where(i => i.Has<OrganizationPart>()).Select(i => HsdsMapping.Organization(i, counts.GetValueOrDefault(i.ContentItemId))).ToList();
        return Page.Of<OrganizationRecord>(organizations, total, page, perPage);
    }

    public async Task<OrganizationDetail?> GetOrganizationAsync(string id, ApiLinks links, CancellationToken cancellationToken)
    {
        if (await OrganizationAsync(id, cancellationToken) is not { } item)
        {
            return null;
        }

        var services = (await db.Services.AsNoTracking().Where(s => s.OrganizationId == id).ToListAsync(cancellationToken))
            .OrderBy(s => s.Title, ItalianOrder)
            .Select(s => new ServiceReference { Id = s.ContentItemId, Name = s.Title, WebUrl = links.ServicePage(s.Path) })
            .ToList();
        return HsdsMapping.OrganizationDetail(item, services);
    }

    /// <summary>Every published service with its organization and locations, by name, for the CSV export.</summary>
    public async Task<List<ServiceView>> AllServicesAsync(CancellationToken cancellationToken)
    {
        var organizations = new Dictionary<string, ContentItem>(StringComparer.Ordinal);
        var locations = new Dictionary<string, (ContentItem Item, LocationPart Location)>(StringComparer.Ordinal);
        var services = new List<(ContentItem Item, ServicePart Service)>();
        await foreach (var item in query.ListPublishedAsync(null, cancellationToken))
        {
            if (item.As<ServicePart>() is { } service)
            {
                services.Add((item, service));
            }
            else if (item.Has<OrganizationPart>())
            {
                organizations[item.ContentItemId] = item;
            }
            else if (item.As<LocationPart>() is { } location)
            {
                locations[item.ContentItemId] = (item, location);
            }
        }

        var views = new List<ServiceView>(services.Count);
        foreach (var (item, service) in services)
        {
            views.Add(new ServiceView(
                item,
                service,
                await reader.PathAsync(item, cancellationToken),
                service.OrganizationId is { } orgId ? organizations.GetValueOrDefault(orgId) : null,
                service.LocationIds.Where(locations.ContainsKey).Select(l => locations[l]).ToList()));
        }

        return views.OrderBy(v => v.Title, ItalianOrder).ThenBy(v => v.Item.ContentItemId, StringComparer.Ordinal).ToList();
    }

    public async Task<bool> OrganizationExistsAsync(string id, CancellationToken cancellationToken) =>
        await OrganizationAsync(id, cancellationToken) is not null;

    private async Task<ContentItem?> OrganizationAsync(string? id, CancellationToken cancellationToken) =>
        string.IsNullOrEmpty(id) ? null
        : await contents.GetAsync(id, VersionOptions.Published, cancellationToken) is { } item && item.Has<OrganizationPart>() ? item
        : null;

}

/// <summary>Plain matching for the small lists (organizations, terms): every word must appear, ignoring case and accents.</summary>
internal static class TextMatch
{
    public static bool Contains(string text, params string?[] fields)
    {
        var haystack = Fold(string.Join(" ", fields.Where(f => f is not null)));
        return text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).All(word => haystack.Contains(Fold(word), StringComparison.Ordinal));
    }

    private static string Fold(string value) => TaxonomyCatalogue.Slug(value).Replace('-', ' ');
}
