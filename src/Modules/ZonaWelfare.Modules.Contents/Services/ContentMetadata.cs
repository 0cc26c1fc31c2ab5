using ZonaWelfare.Abstractions.Contents;
using ZonaWelfare.Modules.Contents.Models;

namespace ZonaWelfare.Modules.Contents.Services;

/// <summary>The typed reading of an item's address and of which types carry a part, for other modules.</summary>
internal sealed class ContentMetadata(ContentDefinitionStore definitions) : IContentMetadata
{
    public async Task<string?> PublicPathAsync(ContentItem item, CancellationToken cancellationToken = default) =>
        await definitions.GetTypeAsync(item.ContentType, cancellationToken) is { } type ? ContentShape.PathOf(type, item.Content) : null;

    public async Task<IReadOnlyList<string>> TypesWithPartAsync(string partName, CancellationToken cancellationToken = default) =>
        (await definitions.ListTypesAsync(cancellationToken)).Where(t => t.HasPart(partName)).Select(t => t.Name).ToList();

    public async Task<ContentTypeInfo?> GetTypeAsync(string contentType, CancellationToken cancellationToken = default) =>
        await definitions.GetTypeAsync(contentType, cancellationToken) is { } type ? Describe(type) : null;

    public async Task<IReadOnlyList<ContentTypeInfo>> ListTypesAsync(CancellationToken cancellationToken = default) =>
        (await definitions.ListTypesAsync(cancellationToken)).Select(Describe).ToList();

    internal static ContentTypeInfo Describe(ContentTypeDefinition type) => new(
        type.Name,
        type.DisplayName,
        type.PartNames,
        (type.Fields ?? []).Select(f => new ContentFieldInfo(f.Name, f.DisplayName, TypeOf(f.Type), f.Required, f.Multiple)).ToList());

    private static ContentFieldType TypeOf(ContentFieldKind kind) => kind switch
    {
        ContentFieldKind.Text => ContentFieldType.Text,
        ContentFieldKind.Markdown => ContentFieldType.Markdown,
        ContentFieldKind.Number => ContentFieldType.Number,
        ContentFieldKind.Date => ContentFieldType.Date,
        ContentFieldKind.Boolean => ContentFieldType.Boolean,
        ContentFieldKind.Link => ContentFieldType.Link,
        ContentFieldKind.Taxonomy => ContentFieldType.Taxonomy,
        ContentFieldKind.ContentPicker => ContentFieldType.ContentPicker,
        ContentFieldKind.Media => ContentFieldType.Media,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "A field kind without a public counterpart."),
    };
}
