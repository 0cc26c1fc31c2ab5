using System.Globalization;
using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Store;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ZonaWelfare.Abstractions.Caching;
using ZonaWelfare.Abstractions.Contents;
using ZonaWelfare.Abstractions.Search;
using ZonaWelfare.Abstractions.Zones;
using ZonaWelfare.Modules.Search.Data;


namespace ZonaWelfare.Modules.Search.Indexing;

/// <summary>
/// Brings a zone's index on this node up to date with the database: applies pending indexing tasks
/// after the index's watermark (stored in the Lucene commit), or rebuilds the index from the published
/// items when it does not exist yet or tasks it needs were pruned.
/// </summary>
internal sealed class ZoneIndexer(
    IZoneScopeFactory scopes,
    ZoneIndexManager indexes,
    IOptions<SearchOptions> options,
    ILogger<ZoneIndexer> logger)
{
    private SearchOptions Options => options.Value;

    /// <summary>Opens the zone's index for a use; the handle must be disposed.</summary>
    public ZoneIndexManager.Handle Open(ZoneDescriptor zone, IZoneContext context) => indexes.Open(zone.Slug, context.DataFolder);

    /// <summary>
    /// Applies every pending task of the zone (building the index first when needed); returns how many were applied.
    /// With <paramref name="onlyIfActive"/>, a zone not activated on this node now (released as idle) is left
    /// alone and its index closed, instead of being woken up.
    /// </summary>
    public async Task<int> CatchUpAsync(ZoneDescriptor zone, CancellationToken cancellationToken, bool onlyIfActive = false)
    {
        await using var scope = onlyIfActive ? scopes.TryCreateActiveScope(zone) : await scopes.CreateScopeAsync(zone, cancellationToken);
        if (scope is null)
        {
            indexes.Close(zone.Slug);
            return 0;
        }

        using var handle = Open(zone, scope.ServiceProvider.GetRequiredService<IZoneContext>());
        return await CatchUpAsync(handle.Index, zone, int.MaxValue, Timeout.InfiniteTimeSpan, cancellationToken);
    }

    /// <summary>
    /// Before a search: builds a missing index, follows a rebuild made elsewhere, and applies pending tasks
    /// up to <see cref="SearchOptions.SearchCatchUpLimit"/>, so what was just published or unpublished
    /// shows at once, on every node. The id of the last task is kept in the zone's data cache: a publish or an
    /// unpublish on any node drops it (with the zone's cached pages), so a search reads it again only after a change.
    /// </summary>
    public async Task EnsureFreshAsync(ZoneIndex index, ZoneDescriptor zone, SearchDbContext db, IZoneDataCache cache, CancellationToken cancellationToken)
    {
        if (!index.IsBuilt)
        {
            await CatchUpAsync(index, zone, int.MaxValue, Timeout.InfiniteTimeSpan, cancellationToken);
            return;
        }

        var last = (await cache.GetOrAddAsync(
            IndexingTaskStore.LastTaskCacheKey,
            async ct => new StrongBox<long>(await db.Tasks.Select(t => (long?)t.Id).MaxAsync(ct) ?? 0),
            cancellationToken)).Value;
        if (index.IsStale || last > index.Watermark)
        {
            try
            {
                await CatchUpAsync(index, zone, Options.SearchCatchUpLimit, Options.SearchCatchUpWait, cancellationToken);
            }
            catch (LockObtainFailedException ex)
            {
                // Another process of this node (a CLI rebuild) holds the writer for a moment: answer from the index as it is.
                logger.LogWarning(ex, "Search index of zone {Zone} is locked by another process; answering without catching up", zone.Slug);
            }
        }
    }

    /// <summary>Rebuilds the zone's index from its published items into a new generation, then swaps it in.</summary>
    public async Task RebuildAsync(ZoneDescriptor zone, IProgress<(int Done, int Total)>? progress, CancellationToken cancellationToken)
    {
        await using var scope = await scopes.CreateScopeAsync(zone, cancellationToken);
        using var handle = Open(zone, scope.ServiceProvider.GetRequiredService<IZoneContext>());
        await RebuildAsync(handle.Index, zone, force: true, progress, cancellationToken);
    }

    /// <summary>Deletes tasks every node has applied (see <see cref="IndexingTaskStore.PruneAsync"/>); <paramref name="onlyIfActive"/> as for <see cref="CatchUpAsync(ZoneDescriptor, CancellationToken, bool)"/>.</summary>
    public async Task<int> PruneAsync(ZoneDescriptor zone, CancellationToken cancellationToken, bool onlyIfActive = false)
    {
        await using var scope = onlyIfActive ? scopes.TryCreateActiveScope(zone) : await scopes.CreateScopeAsync(zone, cancellationToken);
        if (scope is null)
        {
            return 0;
        }

        return await scope.ServiceProvider.GetRequiredService<IndexingTaskStore>().PruneAsync(Options.TaskRetention, Options.NodeRetention, cancellationToken);
    }

    private async Task<int> CatchUpAsync(ZoneIndex index, ZoneDescriptor zone, int limit, TimeSpan wait, CancellationToken cancellationToken, bool mayRebuild = true)
    {
        var needsRebuild = false;
        var applied = 0;
        if (!await index.WriteLock.WaitAsync(wait, cancellationToken))
        {
            logger.LogDebug("Search index of zone {Zone} busy: answering from the index as it is", zone.Slug);
            return 0;
        }

        try
        {
            index.SyncGeneration();
            await using var scope = await scopes.CreateScopeAsync(zone, cancellationToken);
            var store = scope.ServiceProvider.GetRequiredService<IndexingTaskStore>();
            if (!index.IsBuilt || index.Watermark < await store.PrunedThroughAsync(cancellationToken))
            {
                needsRebuild = true;
            }
            else
            {
                applied = await ApplyPendingAsync(index, zone, scope.ServiceProvider, limit, cancellationToken);
            }
        }
        finally
        {
            index.WriteLock.Release();
        }

        if (needsRebuild && !mayRebuild)
        {
            // Tasks were pruned while the index was being rebuilt: the next catch-up rebuilds again.
            logger.LogWarning("Search index of zone {Zone} fell behind the pruned log during a rebuild", zone.Slug);
        }
        else if (needsRebuild)
        {
            logger.LogInformation("Search index of zone {Zone} missing or behind the pruned log: rebuilding", zone.Slug);
            await RebuildAsync(index, zone, force: false, progress: null, cancellationToken);
        }

        return applied;
    }

    private async Task<int> ApplyPendingAsync(ZoneIndex index, ZoneDescriptor zone, IServiceProvider services, int limit, CancellationToken cancellationToken)
    {
        var store = services.GetRequiredService<IndexingTaskStore>();
        var applied = 0;
        while (applied < limit)
        {
            var tasks = await store.PendingAsync(index.Watermark, Math.Min(Options.BatchSize, limit - applied), cancellationToken);
            if (tasks.Count == 0)
            {
                break;
            }

            try
            {
                var writer = index.Writer;
                // The last task of an item decides; an update re-reads the item's current published version.
                foreach (var task in tasks.GroupBy(t => t.ContentItemId, StringComparer.Ordinal).Select(g => g.Last()))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var document = task.Kind == IndexingTaskKind.Delete ? null : await LoadDocumentAsync(task.ContentItemId, zone, services, cancellationToken);
                    if (document is null)
                    {
                        writer.DeleteDocuments(IndexFields.IdTerm(task.ContentItemId));
                    }
                    else
                    {
                        writer.UpdateDocument(IndexFields.IdTerm(task.ContentItemId), document);
                    }
                }

                index.Commit(tasks[^1].Id);
            }
            catch (Exception)
            {
                // Nothing half-applied: the next catch-up starts again from the last commit.
                index.Rollback();
                throw;
            }

            applied += tasks.Count;
            await store.ReportProgressAsync(index.NodeId, index.Watermark, cancellationToken);
        }

        return applied;
    }

    private async Task RebuildAsync(ZoneIndex index, ZoneDescriptor zone, bool force, IProgress<(int Done, int Total)>? progress, CancellationToken cancellationToken)
    {
        await index.RebuildLock.WaitAsync(cancellationToken);
        try
        {
            await using var scope = await scopes.CreateScopeAsync(zone, cancellationToken);
            var services = scope.ServiceProvider;
            var store = services.GetRequiredService<IndexingTaskStore>();
            if (!force && index.IsBuilt && !index.IsStale && index.Watermark >= await store.PrunedThroughAsync(cancellationToken))
            {
                return;
            }

            var content = services.GetService<IContentQuery>()
                ?? throw new InvalidOperationException("Nessun modulo della zona fornisce i contenuti (IContentQuery): impossibile ricostruire l'indice di ricerca.");

            // Tasks up to here are reflected in what the listing reads next (ids grow in commit order);
            // later ones are applied after the swap, and applying a task twice is harmless.
            var watermark = await store.LastTaskIdAsync(cancellationToken);
            var total = await content.CountPublishedAsync(null, cancellationToken);
            progress?.Report((0, total));
            var (name, path) = index.NewGenerationFolder();
            var done = 0;
            using (var directory = FSDirectory.Open(path))
            using (var writer = new IndexWriter(directory, index.WriterConfig(OpenMode.CREATE)))
            {
                await foreach (var item in content.ListPublishedAsync(null, cancellationToken))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (await BuildDocumentAsync(item, zone, services, cancellationToken) is { } document)
                    {
                        writer.AddDocument(document);
                    }

                    done++;
                    if (done % 50 == 0 || done == total)
                    {
                        progress?.Report((done, Math.Max(done, total)));
                    }
                }

                writer.SetCommitData(new Dictionary<string, string> { [ZoneIndex.LastTaskIdKey] = watermark.ToString(CultureInfo.InvariantCulture) });
                writer.Commit();
            }

            progress?.Report((done, Math.Max(done, total)));
            await index.WriteLock.WaitAsync(cancellationToken);
            try
            {
                index.PublishGeneration(name);
                index.SyncGeneration();
            }
            finally
            {
                index.WriteLock.Release();
            }

            await store.ReportProgressAsync(index.NodeId, watermark, cancellationToken);
            logger.LogInformation("Search index of zone {Zone} rebuilt: {Count} items, up to task {Task}", zone.Slug, done, watermark);
        }
        finally
        {
            index.RebuildLock.Release();
        }

        await CatchUpAfterRebuildAsync(index, zone, cancellationToken);
    }

    private async Task CatchUpAfterRebuildAsync(ZoneIndex index, ZoneDescriptor zone, CancellationToken cancellationToken)
    {
        try
        {
            await CatchUpAsync(index, zone, int.MaxValue, Timeout.InfiniteTimeSpan, cancellationToken, mayRebuild: false);
        }
        catch (LockObtainFailedException ex)
        {
            // Another process on this node (the web server, when the CLI rebuilt) writes this index: it catches up itself.
            logger.LogInformation(ex, "Search index of zone {Zone} is written by another process, which will catch up", zone.Slug);
        }
    }

    private static async Task<Lucene.Net.Documents.Document?> LoadDocumentAsync(string contentItemId, ZoneDescriptor zone, IServiceProvider services, CancellationToken cancellationToken)
    {
        var manager = services.GetService<IContentManager>()
            ?? throw new InvalidOperationException("Nessun modulo della zona fornisce i contenuti (IContentManager): impossibile aggiornare l'indice di ricerca.");
        var item = await manager.GetAsync(contentItemId, VersionOptions.Published, cancellationToken);
        return item is null ? null : await BuildDocumentAsync(item, zone, services, cancellationToken);
    }

    /// <summary>
    /// The item's document, filled by every contributor of the zone's enabled modules that indexes it;
    /// null when none does. Every document gets a <c>modified</c> date (the item's) unless a contributor set one.
    /// </summary>
    private static async Task<Lucene.Net.Documents.Document?> BuildDocumentAsync(ContentItem item, ZoneDescriptor zone, IServiceProvider services, CancellationToken cancellationToken)
    {
        var contributors = services.GetServices<ISearchDocumentContributor>().Where(c => zone.IsModuleEnabled(c.ModuleId) && c.CanIndex(item)).ToList();
        if (contributors.Count == 0)
        {
            return null;
        }

        var document = new SearchDocument(item.ContentItemId, item.ContentType);
        foreach (var contributor in contributors)
        {
            await contributor.ContributeAsync(item, document, cancellationToken);
        }

        if (!document.Fields.Any(f => f.Kind == SearchFieldKind.Date && f.Name == IndexFields.Modified))
        {
            var modified = item.ModifiedUtc.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(item.ModifiedUtc, DateTimeKind.Utc) : item.ModifiedUtc;
            document.AddDate(IndexFields.Modified, modified);
        }

        return IndexFields.ToLucene(document);
    }
}
