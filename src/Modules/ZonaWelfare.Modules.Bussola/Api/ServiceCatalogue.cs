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
internal sealed class ServiceCatalogue(ISearchService search, IContentManager contents, IContentQuery query, BussolaDbContext db)
{
    /// <summary>The content type of organizations in the shipped recipes.</summary>
    public const string OrganizationType = "Ente";

    /// <summary>The search keyword field of a service's organization id.</summary>
    public const string OrganizationField = ServiceSearchContributor.OrganizationIdField;

    private static readonly StringComparer ItalianOrder = StringComparer.Create(CultureInfo.GetCultureInfo("it-IT"), ignoreCase: true);

    private readonly Dictionary<string, ContentItem?> _organizations = new(StringComparer.Ordinal);
    private TaxonomyCatalogue? _taxonomies;

    public async Task<TaxonomyCatalogue> TaxonomiesAsync(CancellationToken cancellationToken) =>
        _taxonomies ??= await TaxonomyCatalogue.LoadAsync(search, cancellationToken);

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
                Types = [ServiceView.ServiceType],
                Filters = request.Filters,
                // HSDS asks for "modified on or after"; the search range starts after its bound.
                ModifiedAfter = request.ModifiedAfter?.AddTicks(-1),
                Page = request.Page,
                PageSize = request.PerPage,
            },
            cancellationToken);
        var ids = results.Hits.Select(h => h.Id).ToList();
        var comuni = (await db.ServiceComuni.AsNoTracking().Where(c => ids.Contains(c.ContentItemId)).ToListAsync(cancellationToken))
            .ToLookup(c => c.ContentItemId, c => c.Comune, StringComparer.Ordinal);
        var summaries = new List<ServiceSummary>(ids.Count);
        foreach (var id in ids)
        {
            // The search applied every pending change first; an item unpublished since is simply left out.
            if (await PublishedServiceAsync(id, cancellationToken) is not ({ } item, { } service))
            {
                continue;
            }

            var organization = await OrganizationAsync(service.OrganizationId, cancellationToken);
            summaries.Add(HsdsMapping.Summary(item, service, organization?.DisplayText, comuni[id].Order(ItalianOrder).ToList(), links));
        }

        return Page.Of<ServiceSummary>(summaries, results.Total, request.Page, request.PerPage);
    }

    /// <summary>The fully nested published service, or null when the zone has no such published service.</summary>
    public async Task<ServiceRecord?> GetServiceAsync(string id, ApiLinks links, CancellationToken cancellationToken)
    {
        if (await PublishedServiceAsync(id, cancellationToken) is not ({ } item, _)
            || await ServiceView.LoadAsync(contents, item, cancellationToken) is not { } view)
        {
            return null;
        }

        var organizationId = view.Service.OrganizationId;
        var organizationServices = view.Organization is null ? 0 : await db.Services.CountAsync(s => s.OrganizationId == organizationId, cancellationToken);
        return HsdsMapping.Record(view, organizationServices, await TaxonomiesAsync(cancellationToken), links);
    }

    public async Task<Page<OrganizationRecord>> ListOrganizationsAsync(string? text, int page, int perPage, CancellationToken cancellationToken)
    {
        var counts = await ServiceCountsAsync(cancellationToken);
        var organizations = new List<OrganizationRecord>();
        await foreach (var item in query.ListPublishedAsync([OrganizationType], cancellationToken))
        {
            if (item.As<OrganizationPart>() is { } part && (text is null || TextMatch.Contains(text, item.DisplayText, part.Description, part.Type)))
            {
                organizations.Add(HsdsMapping.Organization(item, counts.GetValueOrDefault(item.ContentItemId)));
            }
        }

        var ordered = organizations.OrderBy(o => o.Name, ItalianOrder).ThenBy(o => o.Id, StringComparer.Ordinal).ToList();
        return Page.Of<OrganizationRecord>(ordered.Skip((page - 1) * perPage).Take(perPage).ToList(), ordered.Count, page, perPage);
    }

    public async Task<OrganizationDetail?> GetOrganizationAsync(string id, ApiLinks links, CancellationToken cancellationToken)
    {
        if (await OrganizationAsync(id, cancellationToken) is not { } item)
        {
            return null;
        }

        var services = (await db.Services.AsNoTracking().Where(s => s.OrganizationId == id).ToListAsync(cancellationToken))
            .OrderBy(s => s.Title, ItalianOrder)
            .Select(s => new ServiceReference { Id = s.ContentItemId, Name = s.Title, WebUrl = links.ServicePage(s.Slug) })
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
            if (item.ContentType == ServiceView.ServiceType && item.As<ServicePart>() is { } service)
            {
                services.Add((item, service));
            }
            else if (item.As<OrganizationPart>() is not null)
            {
                organizations[item.ContentItemId] = item;
            }
            else if (item.As<LocationPart>() is { } location)
            {
                locations[item.ContentItemId] = (item, location);
            }
        }

        return services
            .Select(s => new ServiceView(
                s.Item,
                s.Service,
                s.Service.OrganizationId is { } orgId ? organizations.GetValueOrDefault(orgId) : null,
                s.Service.LocationIds.Where(locations.ContainsKey).Select(l => locations[l]).ToList()))
            .OrderBy(v => v.Title, ItalianOrder)
            .ThenBy(v => v.Item.ContentItemId, StringComparer.Ordinal)
            .ToList();
    }

    private async Task<(ContentItem? Item, ServicePart? Service)> PublishedServiceAsync(string id, CancellationToken cancellationToken)
    {
        var item = await contents.GetAsync(id, VersionOptions.Published, cancellationToken);
        return item is { ContentType: ServiceView.ServiceType } && item.As<ServicePart>() is { } service ? (item, service) : (null, null);
    }

    public async Task<bool> OrganizationExistsAsync(string id, CancellationToken cancellationToken) =>
        await OrganizationAsync(id, cancellationToken) is not null;

    private async Task<ContentItem?> OrganizationAsync(string? id, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(id))
        {
            return null;
        }

        if (!_organizations.TryGetValue(id, out var organization))
        {
            var item = await contents.GetAsync(id, VersionOptions.Published, cancellationToken);
            _organizations[id] = organization = item?.As<OrganizationPart>() is null ? null : item;
        }

        return organization;
    }

    private async Task<Dictionary<string, int>> ServiceCountsAsync(CancellationToken cancellationToken) =>
        await db.Services.AsNoTracking()
            .Where(s => s.OrganizationId != null)
            .GroupBy(s => s.OrganizationId!)
            .Select(g => new { Id = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Id, g => g.Count, StringComparer.Ordinal, cancellationToken);
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
