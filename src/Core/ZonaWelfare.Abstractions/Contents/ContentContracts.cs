namespace ZonaWelfare.Abstractions.Contents;

/// <summary>
/// Reacts to content events. Handlers run inside the content operation's zone transaction, so what
/// they write (index rows, indexing tasks, workflow events) commits or rolls back with the item.
/// </summary>
public interface IContentHandler
{
    /// <summary>The module whose enabling turns the handler on; the platform calls it only in zones that enable it.</summary>
    string ModuleId { get; }

    Task CreatedAsync(ContentEventContext context, CancellationToken cancellationToken) => Task.CompletedTask;

    Task UpdatedAsync(ContentEventContext context, CancellationToken cancellationToken) => Task.CompletedTask;

    Task PublishedAsync(ContentEventContext context, CancellationToken cancellationToken) => Task.CompletedTask;

    Task UnpublishedAsync(ContentEventContext context, CancellationToken cancellationToken) => Task.CompletedTask;

    Task RemovedAsync(ContentEventContext context, CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>
/// What a content handler is told: the item version concerned, the content manager of the operation (a handler
/// cannot take it by constructor: the manager is built with its handlers), the scope's services and the user.
/// </summary>
public sealed record ContentEventContext(ContentItem Item, IServiceProvider Services, string? UserName)
{
    /// <summary>The content manager running the operation, to read other items inside its transaction.</summary>
    public required IContentManager Contents { get; init; }
}

/// <summary>A typed part a module offers to content types (e.g. <c>ServicePart</c> from the Bussola).</summary>
public sealed record ContentPartDescriptor(string Name, Type PartType, string ModuleId, string DisplayName, string Description = "");

/// <summary>Reads and changes content items of the current zone; implemented by the Contents module.</summary>
public interface IContentManager
{
    /// <summary>A new, unsaved item of a type, with its parts initialised.</summary>
    Task<ContentItem> NewAsync(string contentType, CancellationToken cancellationToken = default);

    Task<ContentItem?> GetAsync(string contentItemId, VersionOptions options = VersionOptions.Published, CancellationToken cancellationToken = default);

    /// <summary>
    /// The items of <paramref name="contentItemIds"/> that exist in that version (not removed), in one query; missing ones
    /// are left out. The result keeps the order of the ids, without duplicates.
    /// </summary>
    Task<IReadOnlyList<ContentItem>> GetManyAsync(IEnumerable<string> contentItemIds, VersionOptions options = VersionOptions.Published, CancellationToken cancellationToken = default);

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

    /// <summary>
    /// Items of <paramref name="contentTypes"/> (not removed, any publication state) whose title contains every word of
    /// <paramref name="text"/> (case and accents ignored; all when empty), by title, at most <paramref name="take"/>: for pickers.
    /// </summary>
    Task<IReadOnlyList<ContentItemSummary>> FindAsync(IReadOnlyCollection<string> contentTypes, string? text, int take, CancellationToken cancellationToken = default);

    /// <summary>
    /// A page of the published items of <paramref name="contentTypes"/> whose title contains every word of <paramref name="text"/>,
    /// by title (case and accents ignored), with how many there are in all: three queries whatever the page or the zone's size.
    /// </summary>
    Task<(int Total, IReadOnlyList<ContentItem> Items)> ListPublishedPageAsync(IReadOnlyCollection<string> contentTypes, string? text, int skip, int take, CancellationToken cancellationToken = default);
}

/// <summary>An item as lists and pickers show it.</summary>
public sealed record ContentItemSummary(string ContentItemId, string ContentType, string DisplayText, bool Published);

/// <summary>
/// What every module may know of any item without reading another module's parts: its public address and the
/// zone's types that carry a part. Implemented by the Contents module.
/// </summary>
public interface IContentMetadata
{
    /// <summary>The public path of the item from its type's address pattern (e.g. <c>bussola/servizi/centro-diurno</c>), or null when it has none.</summary>
    Task<string?> PublicPathAsync(ContentItem item, CancellationToken cancellationToken = default);

    /// <summary>The current zone's content types that include the part named <paramref name="partName"/>.</summary>
    Task<IReadOnlyList<string>> TypesWithPartAsync(string partName, CancellationToken cancellationToken = default);

    /// <summary>A content type of the current zone (its parts and fields, in editor order), or null when there is none by that name.</summary>
    Task<ContentTypeInfo?> GetTypeAsync(string contentType, CancellationToken cancellationToken = default);

    /// <summary>The current zone's content types, by display name.</summary>
    Task<IReadOnlyList<ContentTypeInfo>> ListTypesAsync(CancellationToken cancellationToken = default);
}

/// <summary>What other modules may know of a content type: its name, parts and fields.</summary>
public sealed record ContentTypeInfo(string Name, string DisplayName, IReadOnlyList<string> Parts, IReadOnlyList<ContentFieldInfo> Fields)
{
    public bool HasPart(string partName) => Parts.Contains(partName, StringComparer.Ordinal);

    public ContentFieldInfo? Field(string name) => Fields.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.Ordinal));
}

/// <summary>
/// Content types as the recipe being validated will leave them: the types its earlier steps declare, else the zone's
/// (scoped to the validation run). Lets a later step of another module check its references to types and fields.
/// </summary>
public interface IRecipeContentTypes
{
    Task<ContentTypeInfo?> FindTypeAsync(Recipes.RecipeValidationContext context, string contentType, CancellationToken cancellationToken = default);
}

/// <summary>A field of a content type. Its value is stored in <see cref="ContentItem.Field"/>: text, markdown and link URLs
/// as strings, numbers as numbers, dates as <c>yyyy-MM-dd</c> strings, booleans as booleans; multiple values as arrays.</summary>
public sealed record ContentFieldInfo(string Name, string DisplayName, ContentFieldType Type, bool Required, bool Multiple);

/// <summary>The kinds of field a content type can declare.</summary>
public enum ContentFieldType
{
    Text,
    Markdown,
    Number,
    Date,
    Boolean,
    Link,
    Taxonomy,
    ContentPicker,
    Media,
}

/// <summary>
/// The zone's audit trail (scoped, implemented by the Contents module): who did what to which item, when. A record is
/// written in the scope's open zone transaction, so it exists only if the change it describes is committed.
/// </summary>
public interface IContentAuditTrail
{
    /// <summary>Records <paramref name="action"/> (a short stable name, e.g. <c>workflow</c>) with Italian <paramref name="details"/>, about <paramref name="item"/> when given.</summary>
    Task WriteAsync(string action, string details, ContentItem? item = null, string? userName = null, CancellationToken cancellationToken = default);
}

/// <summary>Markdown to sanitized HTML, the same way everywhere (public pages, previews).</summary>
public interface IMarkdownRenderer
{
    /// <summary>Safe HTML (scripts, event attributes and unsafe URLs removed); empty for empty text.</summary>
    Microsoft.AspNetCore.Html.IHtmlContent Render(string? markdown);
}

public static class ContentMetadataExtensions
{
    /// <summary>The current zone's content types that include <typeparamref name="TPart"/>.</summary>
    public static Task<IReadOnlyList<string>> TypesWithPartAsync<TPart>(this IContentMetadata metadata, CancellationToken cancellationToken = default)
        where TPart : ContentPart =>
        metadata.TypesWithPartAsync(typeof(TPart).Name, cancellationToken);
}
