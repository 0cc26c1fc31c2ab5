using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ZonaWelfare.Abstractions.Contents;
using ZonaWelfare.Abstractions.Zones;
using ZonaWelfare.Modules.Bussola.Data;
using ZonaWelfare.Modules.Bussola.Models;

namespace ZonaWelfare.Modules.Bussola.Services;

/// <summary>
/// Keeps the service index tables in step with published services, inside the content operation's
/// transaction, in zones that enable the Bussola. A published, unpublished or removed organization or
/// location refreshes the rows of the services that point to it (their comuni come from their locations).
/// </summary>
internal sealed class BussolaContentHandler : IContentHandler
{
    public Task PublishedAsync(ContentEventContext context, CancellationToken cancellationToken) => WriteAsync(context, remove: false, cancellationToken);

    public Task UnpublishedAsync(ContentEventContext context, CancellationToken cancellationToken) => WriteAsync(context, remove: true, cancellationToken);

    public Task RemovedAsync(ContentEventContext context, CancellationToken cancellationToken) => WriteAsync(context, remove: true, cancellationToken);

    /// <summary>The published services that include <paramref name="item"/>: the services at a location or of an organization.</summary>
    public static async Task<IReadOnlyCollection<string>> DependentServicesAsync(BussolaDbContext db, ContentItem item, CancellationToken cancellationToken)
    {
        var id = item.ContentItemId;
        if (item.As<LocationPart>() is not null)
        {
            return await db.ServiceLocations.AsNoTracking().Where(l => l.LocationId == id).Select(l => l.ContentItemId).ToListAsync(cancellationToken);
        }

        if (item.As<OrganizationPart>() is not null)
        {
            return await db.Services.AsNoTracking().Where(s => s.OrganizationId == id).Select(s => s.ContentItemId).ToListAsync(cancellationToken);
        }

        return [];
    }

    private static async Task WriteAsync(ContentEventContext context, bool remove, CancellationToken cancellationToken)
    {
        if (!context.Services.GetRequiredService<IZoneContext>().Current.IsModuleEnabled(BussolaModule.Id))
        {
            return;
        }

        var db = context.Services.GetRequiredService<BussolaDbContext>();
        var contents = context.Services.GetRequiredService<IContentManager>();
        if (context.Item.ContentType == ServiceView.ServiceType)
        {
            await WriteServiceAsync(db, contents, context.Item, remove, cancellationToken);
            return;
        }

        foreach (var serviceId in await DependentServicesAsync(db, context.Item, cancellationToken))
        {
            if (await contents.GetAsync(serviceId, VersionOptions.Published, cancellationToken) is { } service)
            {
                await WriteServiceAsync(db, contents, service, remove: false, cancellationToken);
            }
        }
    }

    private static async Task WriteServiceAsync(BussolaDbContext db, IContentManager contents, ContentItem item, bool remove, CancellationToken cancellationToken)
    {
        var id = item.ContentItemId;
        await db.ServiceLocations.Where(l => l.ContentItemId == id).ExecuteDeleteAsync(cancellationToken);
        await db.ServiceComuni.Where(c => c.ContentItemId == id).ExecuteDeleteAsync(cancellationToken);
        await db.Services.Where(s => s.ContentItemId == id).ExecuteDeleteAsync(cancellationToken);
        if (remove)
        {
            return;
        }

        var view = await ServiceView.LoadAsync(contents, item, cancellationToken);
        if (view is null)
        {
            return;
        }

        db.Services.Add(new ServiceIndex
        {
            ContentItemId = id,
            Title = view.Title,
            Slug = view.Slug,
            Area = view.Service.Area,
            Status = view.Service.Status,
            OrganizationId = view.Service.OrganizationId,
            ModifiedUtc = item.ModifiedUtc,
        });
        foreach (var comune in view.Comuni)
        {
            db.ServiceComuni.Add(new ServiceComuneIndex { ContentItemId = id, Comune = comune });
        }

        // Every location the service names, published or not yet: publishing it later must refresh the service.
        foreach (var locationId in view.Service.LocationIds.Where(l => !string.IsNullOrWhiteSpace(l)).Distinct(StringComparer.Ordinal))
        {
            db.ServiceLocations.Add(new ServiceLocationIndex { ContentItemId = id, LocationId = locationId });
        }

        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }
}
