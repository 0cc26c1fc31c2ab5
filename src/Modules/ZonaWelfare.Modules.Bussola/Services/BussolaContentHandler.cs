using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ZonaWelfare.Abstractions.Contents;
using ZonaWelfare.Abstractions.Zones;
using ZonaWelfare.Modules.Bussola.Data;

namespace ZonaWelfare.Modules.Bussola.Services;

/// <summary>
/// Keeps the service index tables in step with published services, inside the content operation's
/// transaction, in zones that enable the Bussola.
/// </summary>
internal sealed class BussolaContentHandler : IContentHandler
{
    public Task PublishedAsync(ContentEventContext context, CancellationToken cancellationToken) => WriteAsync(context, remove: false, cancellationToken);

    public Task UnpublishedAsync(ContentEventContext context, CancellationToken cancellationToken) => WriteAsync(context, remove: true, cancellationToken);

    public Task RemovedAsync(ContentEventContext context, CancellationToken cancellationToken) => WriteAsync(context, remove: true, cancellationToken);

    private static async Task WriteAsync(ContentEventContext context, bool remove, CancellationToken cancellationToken)
    {
        if (context.Item.ContentType != ServiceView.ServiceType
            || !context.Services.GetRequiredService<IZoneContext>().Current.IsModuleEnabled(BussolaModule.Id))
        {
            return;
        }

        var db = context.Services.GetRequiredService<BussolaDbContext>();
        var id = context.Item.ContentItemId;
        await db.ServiceComuni.Where(c => c.ContentItemId == id).ExecuteDeleteAsync(cancellationToken);
        await db.Services.Where(s => s.ContentItemId == id).ExecuteDeleteAsync(cancellationToken);
        if (remove)
        {
            return;
        }

        var view = await ServiceView.LoadAsync(context.Services.GetRequiredService<IContentManager>(), context.Item, cancellationToken);
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
            ModifiedUtc = context.Item.ModifiedUtc,
        });
        foreach (var comune in view.Comuni)
        {
            db.ServiceComuni.Add(new ServiceComuneIndex { ContentItemId = id, Comune = comune });
        }

        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }
}
