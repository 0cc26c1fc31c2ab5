using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using ZonaWelfare.Abstractions.Caching;
using ZonaWelfare.Abstractions.Contents;
using ZonaWelfare.Abstractions.Data;
using ZonaWelfare.Abstractions.Zones;
using ZonaWelfare.Modules.Contents.Data;
using ZonaWelfare.Modules.Contents.Models;

namespace ZonaWelfare.Modules.Contents.Services;

/// <summary>
/// Content items of the current zone. Every operation writes the version rows, the index rows and the
/// rows of every <see cref="IContentHandler"/> in one zone transaction (its own, or the open one of a
/// recipe), then evicts the zone's cached public pages when what citizens see changed.
/// </summary>
internal sealed class ContentManager(
    ContentsDbContext db,
    IZoneDatabase database,
    ContentDefinitionStore definitions,
    ContentShape shape,
    ContentValidator validator,
    ContentIndexer indexer,
    IEnumerable<IContentHandler> handlers,
    IServiceProvider services,
    IZoneCacheInvalidator cache,
    ContentOperation operation,
    IZoneContext zone,
    TimeProvider time) : IContentManager
{
    public async Task<ContentItem> NewAsync(string contentType, CancellationToken cancellationToken = default)
    {
        var type = await RequireTypeAsync(contentType, cancellationToken);
        var item = new ContentItem
        {
            ContentItemId = NewId(),
            ContentItemVersionId = NewId(),
            ContentType = type.Name,
            Latest = true,
            Content = shape.Normalize(type, []),
        };
        item.DisplayText = ContentShape.DisplayTextOf(type, item.Content);
        return item;
    }

    public async Task<ContentItem?> GetAsync(string contentItemId, VersionOptions options = VersionOptions.Published, CancellationToken cancellationToken = default)
    {
        var version = await Versions([contentItemId], options).FirstOrDefaultAsync(cancellationToken);
        return version is null ? null : ToItem(version);
    }

    public async Task<IReadOnlyList<ContentItem>> GetManyAsync(IEnumerable<string> contentItemIds, VersionOptions options = VersionOptions.Published, CancellationToken cancellationToken = default)
    {
        var ids = contentItemIds.Where(id => !string.IsNullOrEmpty(id)).Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count == 0)
        {
            return [];
        }

        var found = new Dictionary<string, ContentItem>(StringComparer.Ordinal);
        // Chunked so a long list stays within every provider's limit on query parameters.
        foreach (var chunk in ids.Chunk(500))
        {
            foreach (var version in await Versions(chunk, options).ToListAsync(cancellationToken))
            {
                found[version.ContentItemId] = ToItem(version);
            }
        }

        return ids.Where(found.ContainsKey).Select(id => found[id]).ToList();
    }

    /// <summary>The wanted version of each item that is not removed, in one query (the item index says which are removed).</summary>
    private IQueryable<ContentVersionRecord> Versions(IReadOnlyCollection<string> ids, VersionOptions options)
    {
        var query = db.Versions.AsNoTracking().Where(v => ids.Contains(v.ContentItemId));
        query = options switch
        {
            VersionOptions.Published => query.Where(v => v.Published),
            VersionOptions.Draft => query.Where(v => v.Latest && !v.Published),
            _ => query.Where(v => v.Latest),
        };
        return query.Where(v => db.Items.Any(i => i.ContentItemId == v.ContentItemId && !i.Deleted));
    }

    public Task<ContentItem> CreateAsync(ContentItem item, bool publish, CancellationToken cancellationToken = default) =>
        SaveAsync(item, publish, expectedLatestVersionId: null, cancellationToken);

    public Task<ContentItem> UpdateAsync(ContentItem item, CancellationToken cancellationToken = default) =>
        SaveAsync(item, publish: false, expectedLatestVersionId: null, cancellationToken);

    /// <summary>
    /// Saves the document as the latest version (a new version when the type is versionable or the latest
    /// is published), and publishes it when asked. <paramref name="expectedLatestVersionId"/> guards
    /// against overwriting someone else's save.
    /// </summary>
    public async Task<ContentItem> SaveAsync(ContentItem item, bool publish, string? expectedLatestVersionId, CancellationToken cancellationToken)
    {
        var type = await RequireTypeAsync(item.ContentType, cancellationToken);
        var content = shape.Normalize(type, item.Content);
        var problems = await validator.ValidateAsync(item.ContentItemId, type, content, cancellationToken);
        if (problems.Count > 0)
        {
            throw new ContentValidationException(problems);
        }

        return await InTransactionAsync(
            async () =>
            {
                var index = await db.Items.FindAsync([item.ContentItemId], cancellationToken);
                if (index is { Deleted: true })
                {
                    throw new ContentException($"«{index.DisplayText}» è stato eliminato e non si può più modificare.");
                }

                if (index is not null && index.ContentType != type.Name)
                {
                    throw new ContentException($"Il contenuto '{item.ContentItemId}' è di tipo «{index.ContentType}», non «{type.Name}».");
                }

                var latest = await db.Versions.FirstOrDefaultAsync(v => v.ContentItemId == item.ContentItemId && v.Latest, cancellationToken);
                if (expectedLatestVersionId is not null && latest is not null && latest.ContentItemVersionId != expectedLatestVersionId)
                {
                    throw new ContentConcurrencyException($"Nel frattempo «{latest.DisplayText}» è stato modificato da {latest.Author ?? "un altro utente"}: ricarica la pagina e riapplica le tue modifiche.");
                }

                var version = WriteVersion(type, item.ContentItemId, latest, content);
                if (publish)
                {
                    await MarkPublishedAsync(version, cancellationToken);
                }

                await db.SaveChangesAsync(cancellationToken);
                await PruneAsync(type, item.ContentItemId, cancellationToken);
                await indexer.UpdateAsync(item.ContentItemId, type, cancellationToken);
                var saved = ToItem(version);
                await RaiseAsync(latest is null ? (h, c) => h.CreatedAsync(c, cancellationToken) : (h, c) => h.UpdatedAsync(c, cancellationToken), saved);
                if (publish)
                {
                    await RaiseAsync((h, c) => h.PublishedAsync(c, cancellationToken), saved);
                }

                return saved;
            },
            invalidate: publish,
            cancellationToken);
    }

    public async Task<ContentItem> PublishAsync(string contentItemId, CancellationToken cancellationToken = default)
    {
        var changed = false;
        var result = await InTransactionAsync(
            async () =>
            {
                var index = await RequireLiveAsync(contentItemId, cancellationToken);
                var latest = await db.Versions.FirstAsync(v => v.ContentItemId == contentItemId && v.Latest, cancellationToken);
                if (latest.Published)
                {
                    return ToItem(latest);
                }

                var type = await definitions.GetTypeAsync(index.ContentType, cancellationToken);
                if (type is not null && ContentShape.PathOf(type, ContentJson.ParseObject(latest.Content)) is { } path
                    && await validator.PathProblemAsync(contentItemId, path, cancellationToken) is { } problem)
                {
                    throw new ContentException(problem);
                }

                await MarkPublishedAsync(latest, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                await indexer.UpdateAsync(contentItemId, type, cancellationToken);
                var item = ToItem(latest);
                await RaiseAsync((h, c) => h.PublishedAsync(c, cancellationToken), item);
                changed = true;
                return item;
            },
            invalidate: false,
            cancellationToken);
        if (changed)
        {
            await cache.InvalidateAsync(cancellationToken);
        }

        return result;
    }

    public async Task UnpublishAsync(string contentItemId, CancellationToken cancellationToken = default) =>
        await InTransactionAsync(
            async () =>
            {
                var index = await RequireLiveAsync(contentItemId, cancellationToken);
                var published = await db.Versions.FirstOrDefaultAsync(v => v.ContentItemId == contentItemId && v.Published, cancellationToken);
                if (published is null)
                {
                    return false;
                }

                published.Published = false;
                await db.SaveChangesAsync(cancellationToken);
                await indexer.UpdateAsync(contentItemId, await definitions.GetTypeAsync(index.ContentType, cancellationToken), cancellationToken);
                await RaiseAsync((h, c) => h.UnpublishedAsync(c, cancellationToken), ToItem(published));
                return true;
            },
            invalidate: true,
            cancellationToken);

    public async Task RemoveAsync(string contentItemId, CancellationToken cancellationToken = default) =>
        await InTransactionAsync(
            async () =>
            {
                var index = await RequireLiveAsync(contentItemId, cancellationToken);
                index.Deleted = true;
                index.DeletedUtc = Now();
                index.DeletedBy = operation.UserName;
                foreach (var version in await db.Versions.Where(v => v.ContentItemId == contentItemId && v.Published).ToListAsync(cancellationToken))
                {
                    version.Published = false;
                }

                await db.SaveChangesAsync(cancellationToken);
                await indexer.UpdateAsync(contentItemId, await definitions.GetTypeAsync(index.ContentType, cancellationToken), cancellationToken);
                var latest = await db.Versions.AsNoTracking().FirstAsync(v => v.ContentItemId == contentItemId && v.Latest, cancellationToken);
                await RaiseAsync((h, c) => h.RemovedAsync(c, cancellationToken), ToItem(latest));
                return true;
            },
            invalidate: true,
            cancellationToken);

    public async Task<IReadOnlyList<ContentItem>> GetVersionsAsync(string contentItemId, CancellationToken cancellationToken = default) =>
        (await db.Versions.AsNoTracking().Where(v => v.ContentItemId == contentItemId).OrderByDescending(v => v.Number).ToListAsync(cancellationToken))
            .Select(ToItem)
            .ToList();

    public async Task<ContentItem> RestoreAsync(string contentItemVersionId, CancellationToken cancellationToken = default)
    {
        var old = await db.Versions.AsNoTracking().FirstOrDefaultAsync(v => v.ContentItemVersionId == contentItemVersionId, cancellationToken)
            ?? throw new ContentException("La versione da ripristinare non esiste.");
        var type = await RequireTypeAsync(old.ContentType, cancellationToken);
        var content = shape.Normalize(type, ContentJson.ParseObject(old.Content));
        var problems = await validator.ValidateAsync(old.ContentItemId, type, content, cancellationToken);
        if (problems.Count > 0)
        {
            throw new ContentValidationException(problems);
        }

        operation.Note = $"ripristinata la versione {old.Number}";
        try
        {
            return await InTransactionAsync(
                async () =>
                {
                    await RequireLiveAsync(old.ContentItemId, cancellationToken);
                    var latest = await db.Versions.FirstAsync(v => v.ContentItemId == old.ContentItemId && v.Latest, cancellationToken);
                    var version = WriteVersion(type, old.ContentItemId, latest, content, forceNew: true);
                    await db.SaveChangesAsync(cancellationToken);
                    await indexer.UpdateAsync(old.ContentItemId, type, cancellationToken);
                    var restored = ToItem(version);
                    await RaiseAsync((h, c) => h.UpdatedAsync(c, cancellationToken), restored);
                    return restored;
                },
                invalidate: false,
                cancellationToken);
        }
        finally
        {
            operation.Note = null;
        }
    }

    /// <summary>
    /// Makes an item match a recipe: creates it, or writes a new version only when its content or
    /// publication differs. Returns whether anything was written.
    /// </summary>
    public async Task<bool> ImportAsync(string contentItemId, string contentType, JsonObject content, bool publish, CancellationToken cancellationToken)
    {
        var type = await RequireTypeAsync(contentType, cancellationToken);
        var normalized = shape.Normalize(type, content);
        var index = await db.Items.AsNoTracking().FirstOrDefaultAsync(i => i.ContentItemId == contentItemId, cancellationToken);
        var item = new ContentItem { ContentItemId = contentItemId, ContentItemVersionId = NewId(), ContentType = type.Name, Content = normalized };
        if (index is null)
        {
            await SaveAsync(item, publish, null, cancellationToken);
            return true;
        }

        if (index.Deleted)
        {
            var revived = await db.Items.FirstAsync(i => i.ContentItemId == contentItemId, cancellationToken);
            revived.Deleted = false;
            revived.DeletedUtc = null;
            revived.DeletedBy = null;
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }

        var compareWith = publish ? index.PublishedVersionId : index.LatestVersionId;
        var current = compareWith is null ? null : await db.Versions.AsNoTracking().FirstAsync(v => v.ContentItemVersionId == compareWith, cancellationToken);
        var same = current is not null && JsonNode.DeepEquals(ContentJson.ParseObject(current.Content), normalized);
        if (publish)
        {
            if (same && !index.Deleted)
            {
                return false;
            }

            await SaveAsync(item, publish: true, null, cancellationToken);
            return true;
        }

        if (same && !index.Published && !index.Deleted)
        {
            return false;
        }

        if (!same)
        {
            await SaveAsync(item, publish: false, null, cancellationToken);
        }

        await UnpublishAsync(contentItemId, cancellationToken);
        return true;
    }

    public static ContentItem ToItem(ContentVersionRecord version)
    {
        var item = new ContentItem
        {
            ContentItemId = version.ContentItemId,
            ContentItemVersionId = version.ContentItemVersionId,
            ContentType = version.ContentType,
            Number = version.Number,
            Latest = version.Latest,
            Published = version.Published,
            Owner = version.Owner,
            Author = version.Author,
            CreatedUtc = AsUtc(version.CreatedUtc),
            ModifiedUtc = AsUtc(version.ModifiedUtc),
            PublishedUtc = version.PublishedUtc is { } p ? AsUtc(p) : null,
            Content = ContentJson.ParseObject(version.Content),
        };
        item.DisplayText = version.DisplayText;
        return item;
    }

    private static DateTime AsUtc(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc);

    private ContentVersionRecord WriteVersion(ContentTypeDefinition type, string contentItemId, ContentVersionRecord? latest, JsonObject content, bool forceNew = false)
    {
        var now = Now();
        var displayText = ContentShape.DisplayTextOf(type, content);
        var json = content.ToJsonString(ContentJson.Options);
        if (latest is not null && !latest.Published && !type.EffectiveSettings.Versionable && !forceNew)
        {
            // Not versionable: the draft is rewritten in place rather than kept as history.
            latest.Content = json;
            latest.DisplayText = displayText;
            latest.Author = operation.UserName;
            latest.ModifiedUtc = now;
            return latest;
        }

        if (latest is not null)
        {
            latest.Latest = false;
        }

        var version = new ContentVersionRecord
        {
            ContentItemVersionId = NewId(),
            ContentItemId = contentItemId,
            ContentType = type.Name,
            Number = (latest?.Number ?? 0) + 1,
            Latest = true,
            Published = false,
            DisplayText = displayText,
            Content = json,
            Owner = latest?.Owner ?? operation.UserName,
            Author = operation.UserName,
            CreatedUtc = latest?.CreatedUtc ?? now,
            ModifiedUtc = now,
        };
        db.Versions.Add(version);
        return version;
    }

    private async Task MarkPublishedAsync(ContentVersionRecord version, CancellationToken cancellationToken)
    {
        foreach (var previous in await db.Versions.Where(v => v.ContentItemId == version.ContentItemId && v.Published).ToListAsync(cancellationToken))
        {
            previous.Published = false;
        }

        version.Published = true;
        version.PublishedUtc = Now();
    }

    /// <summary>Types that are not versionable keep only the latest and the published version.</summary>
    private async Task PruneAsync(ContentTypeDefinition type, string contentItemId, CancellationToken cancellationToken)
    {
        if (type.EffectiveSettings.Versionable)
        {
            return;
        }

        var stale = await db.Versions.Where(v => v.ContentItemId == contentItemId && !v.Latest && !v.Published).ToListAsync(cancellationToken);
        if (stale.Count > 0)
        {
            db.Versions.RemoveRange(stale);
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    private async Task<ContentItemIndex> RequireLiveAsync(string contentItemId, CancellationToken cancellationToken)
    {
        var index = await db.Items.FindAsync([contentItemId], cancellationToken) ?? throw new ContentException("Il contenuto non esiste.");
        return index.Deleted ? throw new ContentException($"«{index.DisplayText}» è stato eliminato.") : index;
    }

    private async Task<ContentTypeDefinition> RequireTypeAsync(string name, CancellationToken cancellationToken) =>
        await definitions.GetTypeAsync(name, cancellationToken) ?? throw new ContentException($"Il tipo di contenuto «{name}» non esiste in questa zona.");

    private async Task RaiseAsync(Func<IContentHandler, ContentEventContext, Task> raise, ContentItem item)
    {
        var context = new ContentEventContext(item, services, operation.UserName) { Contents = this };
        var current = zone.Current;
        // Handlers of modules the zone has not enabled never hear of its content.
        foreach (var handler in handlers.Where(h => current.IsModuleEnabled(h.ModuleId)))
        {
            await raise(handler, context);
        }
    }

    private async Task<T> InTransactionAsync<T>(Func<Task<T>> work, bool invalidate, CancellationToken cancellationToken)
    {
        var own = database.CurrentTransaction is null ? await database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            var result = await work();
            if (own is not null)
            {
                await own.CommitAsync(cancellationToken);
            }

            if (invalidate)
            {
                await cache.InvalidateAsync(cancellationToken);
            }

            return result;
        }
        finally
        {
            // Rolled back or committed, tracked rows no longer say what the database holds.
            db.ChangeTracker.Clear();
            if (own is not null)
            {
                await own.DisposeAsync();
                db.Database.UseTransaction(null);
            }
        }
    }

    private DateTime Now() => time.GetUtcNow().UtcDateTime;

    private static string NewId() => Guid.NewGuid().ToString("N");
}
