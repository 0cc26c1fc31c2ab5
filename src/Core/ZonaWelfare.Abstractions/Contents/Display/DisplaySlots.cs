using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace ZonaWelfare.Abstractions.Contents.Display;

/// <summary>A named place in a view where other modules may add content; see <see cref="DisplaySlot{TContext}"/>.</summary>
public interface IDisplaySlot
{
    string Name { get; }
}

/// <summary>
/// A typed place in a view that invites other modules: the view passes a <typeparamref name="TContext"/>
/// (e.g. the item shown) and every enabled module's <see cref="IDisplaySlotContributor{TContext}"/> of the slot adds
/// a partial. Views and contributors meet through the slot object, never through a view or component name.
/// </summary>
public sealed class DisplaySlot<TContext>(string name) : IDisplaySlot
    where TContext : class
{
    public string Name { get; } = name;

    public override string ToString() => Name;
}

/// <summary>Adds a partial to a slot; registered by the module that owns the partial.</summary>
public interface IDisplaySlotContributor<TContext>
    where TContext : class
{
    DisplaySlot<TContext> Slot { get; }

    /// <summary>The module whose enabling shows the contribution.</summary>
    string ModuleId { get; }

    /// <summary>Lower first.</summary>
    int Order => 100;

    /// <summary>The partial and its model, or null to add nothing for this context.</summary>
    Task<SlotContent?> ContributeAsync(TContext context, CancellationToken cancellationToken);
}

/// <summary>A Razor partial of the contributing module and its model.</summary>
public sealed record SlotContent(string ViewName, object? Model);

/// <summary>Renders a slot in a view: <c>@await Slots.RenderAsync(Html, ContentDisplaySlots.Fields, Model.Item)</c>.</summary>
public interface IDisplaySlots
{
    Task<IHtmlContent> RenderAsync<TContext>(IHtmlHelper html, DisplaySlot<TContext> slot, TContext context)
        where TContext : class;
}

/// <summary>The slots of a content item's page.</summary>
public static class ContentDisplaySlots
{
    /// <summary>The fields a zone declared on the item's type (Contents fills it).</summary>
    public static readonly DisplaySlot<ContentItem> Fields = new("content.fields");

    /// <summary>
    /// Links to what other modules hold about the item (e.g. the POA activities that deliver a service), shown near
    /// the end of the item's page; a contributor recognises the item by its id, never by its type or parts.
    /// </summary>
    public static readonly DisplaySlot<ContentItem> Related = new("content.related");
}
