using ZonaWelfare.Abstractions.Contents;
using ZonaWelfare.Abstractions.Search;
using ZonaWelfare.Modules.Bussola.Data;
using ZonaWelfare.Modules.Bussola.Models;

namespace ZonaWelfare.Modules.Bussola.Services;

/// <summary>The search document of a service: its texts, its filters (area, target, comune, access, cost) and its places.</summary>
internal sealed class ServiceSearchContributor(ServiceReader reader, BussolaDbContext db) : ISearchDocumentContributor
{
    /// <summary>The location field holding the points of a service's locations, for "vicino a".</summary>
    public const string LocationField = "location";

    /// <summary>Keyword field holding the id of the service's organization (the API filters by it).</summary>
    public const string OrganizationIdField = "organizationId";

    public string ModuleId => BussolaModule.Id;

    public bool CanIndex(ContentItem item) => item.Has<ServicePart>();

    /// <summary>A service's document carries its organization's name and its locations' comuni and points.</summary>
    public Task<IReadOnlyCollection<string>> GetDependentItemIdsAsync(ContentItem changed, CancellationToken cancellationToken) =>
        BussolaContentHandler.DependentServicesAsync(db, changed, cancellationToken);

    public async Task ContributeAsync(ContentItem item, SearchDocument document, CancellationToken cancellationToken)
    {
        if (await reader.ViewAsync(item, cancellationToken) is not { } view)
        {
            return;
        }

        var service = view.Service;
        document.AddText("title", view.Title, 3f)
            .AddText("keywords", string.Join(", ", service.Keywords), 2f)
            .AddText("shortDescription", service.ShortDescription, 2f)
            .AddText("whoFor", service.WhoFor)
            .AddText("howTo", service.HowTo)
            .AddText("whatYouGet", service.WhatYouGet)
            .AddText("whatYouNeed", service.WhatYouNeed)
            .AddText("timesAndDeadlines", service.TimesAndDeadlines)
            .AddText("conditions", service.Conditions)
            .AddText("organization", view.Organization?.DisplayText)
            .AddKeyword("area", service.Area)
            .AddKeyword("accessMode", service.AccessMode)
            .AddKeyword("cost", service.Cost)
            .AddKeyword("status", service.Status)
            .AddKeyword(OrganizationIdField, service.OrganizationId)
            .AddStored("title", view.Title)
            .AddStored("path", view.Path)
            .AddStored("shortDescription", service.ShortDescription)
            .AddStored("area", service.Area)
            .AddStored("organization", view.Organization?.DisplayText)
            .AddDate("modified", item.ModifiedUtc);
        foreach (var target in service.Targets)
        {
            document.AddKeyword("target", target);
        }

        foreach (var comune in view.Comuni)
        {
            document.AddKeyword("comune", comune);
        }

        foreach (var (_, location) in view.Locations)
        {
            if (location.Latitude is { } lat && location.Longitude is { } lon)
            {
                document.AddLocation(LocationField, lat, lon);
            }
        }
    }
}
