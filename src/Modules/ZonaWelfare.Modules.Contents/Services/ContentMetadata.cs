using ZonaWelfare.Abstractions.Contents;

namespace ZonaWelfare.Modules.Contents.Services;

/// <summary>The typed reading of an item's address and of which types carry a part, for other modules.</summary>
internal sealed class ContentMetadata(ContentDefinitionStore definitions) : IContentMetadata
{
    public async Task<string?> PublicPathAsync(ContentItem item, CancellationToken cancellationToken = default) =>
        await definitions.GetTypeAsync(item.ContentType, cancellationToken) is { } type ? ContentShape.PathOf(type, item.Content) : null;

    public async Task<IReadOnlyList<string>> TypesWithPartAsync(string partName, CancellationToken cancellationToken = default) =>
        (await definitions.ListTypesAsync(cancellationToken)).Where(t => t.HasPart(partName)).Select(t => t.Name).ToList();
}
