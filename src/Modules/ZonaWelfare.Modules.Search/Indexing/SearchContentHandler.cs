using Microsoft.Extensions.DependencyInjection;
using ZonaWelfare.Abstractions.Contents;
using ZonaWelfare.Abstractions.Search;
using ZonaWelfare.Abstractions.Zones;
using ZonaWelfare.Modules.Search.Data;

namespace ZonaWelfare.Modules.Search.Indexing;

/// <summary>
/// Writes an indexing task for every content change of a zone that enables search, inside the content
/// operation's transaction: the change and its task commit or roll back together, so no change is lost
/// if the process dies before the index sees it.
/// </summary>
internal sealed class SearchContentHandler(IndexingSignal signal) : IContentHandler
{
    public string ModuleId => SearchModule.Id;

    public Task CreatedAsync(ContentEventContext context, CancellationToken cancellationToken) => EnqueueAsync(context, IndexingTaskKind.Update, withDependents: false, cancellationToken);

    public Task UpdatedAsync(ContentEventContext context, CancellationToken cancellationToken) => EnqueueAsync(context, IndexingTaskKind.Update, withDependents: false, cancellationToken);

    public Task PublishedAsync(ContentEventContext context, CancellationToken cancellationToken) => EnqueueAsync(context, IndexingTaskKind.Update, withDependents: true, cancellationToken);

    public Task UnpublishedAsync(ContentEventContext context, CancellationToken cancellationToken) => EnqueueAsync(context, IndexingTaskKind.Delete, withDependents: true, cancellationToken);

    public Task RemovedAsync(ContentEventContext context, CancellationToken cancellationToken) => EnqueueAsync(context, IndexingTaskKind.Delete, withDependents: true, cancellationToken);

    // Documents that include the item are rebuilt too (withDependents) only when its published version
    // changes: documents include published items only, so a saved draft leaves them as they are.
    private async Task EnqueueAsync(ContentEventContext context, IndexingTaskKind kind, bool withDependents, CancellationToken cancellationToken)
    {
        var zone = context.Services.GetRequiredService<IZoneContext>().Current;
        var tasks = context.Services.GetRequiredService<IndexingTaskStore>();
        await tasks.EnqueueAsync(context.Item.ContentItemId, kind, cancellationToken);

        if (!withDependents)
        {
            signal.Notify(zone.Slug);
            return;
        }

        // Documents that include this item (a service and its location) are rebuilt with it.
        var dependents = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var contributor in context.Services.GetServices<ISearchDocumentContributor>().Where(c => zone.IsModuleEnabled(c.ModuleId)))
        {
            dependents.UnionWith(await contributor.GetDependentItemIdsAsync(context.Item, cancellationToken));
        }

        dependents.Remove(context.Item.ContentItemId);
        foreach (var id in dependents)
        {
            await tasks.EnqueueAsync(id, IndexingTaskKind.Update, cancellationToken);
        }

        signal.Notify(zone.Slug);
    }
}
