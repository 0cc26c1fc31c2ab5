using ZonaWelfare.Abstractions.Contents;
using ZonaWelfare.Abstractions.Contents.Display;

namespace ZonaWelfare.Modules.Contents.Services;

/// <summary>
/// Fills <see cref="ContentDisplaySlots.Fields"/>: the fields a zone declared on the item's type, as its page shows them.
/// Any module's page of an item invites the slot, so a field a zone adds by recipe (say, to a Bussola service)
/// appears without the module knowing of it.
/// </summary>
internal sealed class ContentFieldsSlot(ContentDisplayBuilder builder) : IDisplaySlotContributor<ContentItem>
{
    public DisplaySlot<ContentItem> Slot => ContentDisplaySlots.Fields;

    public string ModuleId => ContentsIds.Module;

    public async Task<SlotContent?> ContributeAsync(ContentItem context, CancellationToken cancellationToken)
    {
        var fields = await builder.BuildFieldsAsync(context, cancellationToken);
        return fields.Count == 0 ? null : new SlotContent("~/Views/Contents/Public/Fields.cshtml", fields);
    }
}
