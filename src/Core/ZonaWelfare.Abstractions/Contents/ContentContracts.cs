namespace ZonaWelfare.Abstractions.Contents;

/// <summary>
/// Reacts to content events. Handlers run inside the content operation's zone transaction, so what
/// they write (index rows, indexing tasks, workflow events) commits or rolls back with the item.
/// </summary>
public interface IContentHandler
{
    Task CreatedAsync(ContentEventContext context, CancellationToken cancellationToken) => Task.CompletedTask;

    Task UpdatedAsync(ContentEventContext context, CancellationToken cancellationToken) => Task.CompletedTask;

    Task PublishedAsync(ContentEventContext context, CancellationToken cancellationToken) => Task.CompletedTask;

    Task UnpublishedAsync(ContentEventContext context, CancellationToken cancellationToken) => Task.CompletedTask;

    Task RemovedAsync(ContentEventContext context, CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>What a content handler is told: the item version concerned and the scope's services.</summary>
public sealed record ContentEventContext(ContentItem Item, IServiceProvider Services, string? UserName);

/// <summary>A typed part a module offers to content types (e.g. <c>ServicePart</c> from the Bussola).</summary>
public sealed record ContentPartDescriptor(string Name, Type PartType, string ModuleId, string DisplayName, string Description = "");

/// <summary>Reads and changes content items of the current zone; implemented by the Contents module.</summary>
public interface IContentManager
{
    /// <summary>A new, unsaved item of a type, with its parts initialised.</summary>
    Task<ContentItem> NewAsync(string contentType, CancellationToken cancellationToken = default);

    Task<ContentItem?> GetAsync(string contentItemId, VersionOptions options = VersionOptions.Published, CancellationToken cancellationToken = default);

    /// <summary>Saves a new item as a draft (or published when <paramref name="publish"/>).</summary>
    Task<ContentItem> CreateAsync(ContentItem item, bool publish, CancellationToken cancellationToken = default);

    /// <summary>Saves the item's content as the latest draft version.</summary>
    Task<ContentItem> UpdateAsync(ContentItem item, CancellationToken cancellationToken = default);

    Task<ContentItem> PublishAsync(string contentItemId, CancellationToken cancellationToken = default);

    Task UnpublishAsync(string contentItemId, CancellationToken cancellationToken = default);

    /// <summary>Soft delete: the item disappears from lists and public pages, its versions stay for the audit.</summary>
    Task RemoveAsync(string contentItemId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<ContentItem>> GetVersionsAsync(string contentItemId, CancellationToken cancellationToken = default);

    /// <summary>Makes a copy of an older version the latest draft.</summary>
    Task<ContentItem> RestoreAsync(string contentItemVersionId, CancellationToken cancellationToken = default);
}

/// <summary>Reads many published items at once, e.g. to rebuild a search index; implemented by the Contents module.</summary>
public interface IContentQuery
{
    /// <summary>Published, not removed items (of <paramref name="contentTypes"/> when given), by id.</summary>
    IAsyncEnumerable<ContentItem> ListPublishedAsync(IReadOnlyCollection<string>? contentTypes = null, CancellationToken cancellationToken = default);

    Task<int> CountPublishedAsync(IReadOnlyCollection<string>? contentTypes = null, CancellationToken cancellationToken = default);
}
