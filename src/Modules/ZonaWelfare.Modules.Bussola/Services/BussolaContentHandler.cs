using Microsoft.EntityFrameworkCore;
using ZonaWelfare.Abstractions.Contents;
using ZonaWelfare.Modules.Bussola.Data;
using ZonaWelfare.Modules.Bussola.Models;

namespace ZonaWelfare.Modules.Bussola.Services;

/// <summary>
/// Keeps the service index tables in step with published services, inside the content operation's
/// transaction (the platform calls it only in zones that enable the Bussola). A published, unpublished or
/// removed organization or location refreshes the rows of the services that point to it (their comuni come
/// from their locations). Items are told apart by their parts, not by their types' names.
/// </summary>
internal sealed class BussolaContentHandler(BussolaDbContext db, IContentMetadata metadata) : IContentHandler
{
    public string ModuleId => BussolaModule.Id;

    public Task PublishedAsync(ContentEventContext context, CancellationToken cancellationToken) => WriteAsync(context, remove: false, cancellationToken);

    public Task UnpublishedAsync(ContentEventContext context, CancellationToken cancellationToken) => WriteAsync(context, remove: true, cancellationToken);

    public Task RemovedAsync(ContentEventContext context, CancellationToken cancellationToken) => WriteAsync(context, remove: true, cancellationToken);

    /// <summary>The published services that include <paramref name="item"/>: the services at a location or of an organization.</summary>
    public static async Task<IReadOnlyCollection<string>> DependentServicesAsync(BussolaDbContext db, ContentItem item, CancellationToken cancellationToken)
    {
        var id = item.ContentItemId;
        if (item.Has<LocationPart>())
        {
            return await db.ServiceLocations.AsNoTracking().Where(l => l.LocationId == id).Select(l => l.ContentItemId).ToListAsync(cancellationToken);
        }

        if (item.Has<OrganizationPart>())
        {
            return await db.Services.AsNoTracking().Where(s => s.OrganizationId == id).Select(s => s.ContentItemId).ToListAsync(cancellationToken);
        }

        return [];
    }

    private async Task WriteAsync(ContentEventContext context, bool remove, CancellationToken cancellationToken)
    {
        var item = context.Item;
        var reader = new ServiceReader(context.Contents, metadata);
        if (item.Has<ServicePart>())
        {
            await WriteServicesAsync(reader, [item], [item.ContentItemId], remove, cancellationToken);
            return;
        }

        var dependents = await DependentServicesAsync(db, item, cancellationToken);
        if (dependents.Count > 0)
        {
            await WriteServicesAsync(reader, await context.Contents.GetManyAsync(dependents, VersionOptions.Published, cancellationToken), dependents, remove: false, cancellationToken);
        }
    }

    private async Task WriteServicesAsync(ServiceReader reader, IReadOnlyList<ContentItem> items, IReadOnlyCollection<string> ids, bool remove, CancellationToken cancellationToken)
    {
        await db.ServiceLocations.Where(l => ids.Contains(l.ContentItemId)).ExecuteDeleteAsync(cancellationToken);
        await db.ServiceComuni.Where(c => ids.Contains(c.ContentItemId)).ExecuteDeleteAsync(cancellationToken);
        await db.Services.Where(s => ids.Contains(s.ContentItemId)).ExecuteDeleteAsync(cancellationToken);
        if (remove)
        {
            return;
        }

        foreach (var view in await reader.ViewsAsync(items, cancellationToken))
        {
            var id = view.Item.ContentItemId;
            db.Services.Add(new ServiceIndex
            {
                ContentItemId = id,
                Title = view.Title,
                Path = view.Path,
                Area = view.Service.Area,
                Status = view.Service.Status,
                OrganizationId = view.Service.OrganizationId,
                ModifiedUtc = view.Item.ModifiedUtc,
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
        }

        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }
}
