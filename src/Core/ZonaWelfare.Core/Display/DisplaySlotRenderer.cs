using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.DependencyInjection;
using ZonaWelfare.Abstractions.Contents.Display;
using ZonaWelfare.Abstractions.Zones;

namespace ZonaWelfare.Core.Display;

/// <summary>
/// Renders a slot: every contributor of the slot whose module the zone enables, in order, each as its own
/// partial. Contributors are resolved per slot context type, so a view only reaches those that asked for its slot.
/// </summary>
internal sealed class DisplaySlotRenderer(IServiceProvider services, IZoneContext zone) : IDisplaySlots
{
    public async Task<IHtmlContent> RenderAsync<TContext>(IHtmlHelper html, DisplaySlot<TContext> slot, TContext context)
        where TContext : class
    {
        var content = new HtmlContentBuilder();
        var cancellationToken = html.ViewContext.HttpContext.RequestAborted;
        var contributors = services.GetServices<IDisplaySlotContributor<TContext>>()
            .Where(c => ReferenceEquals(c.Slot, slot) && (zone.Zone is not { } current || current.IsModuleEnabled(c.ModuleId)))
            .OrderBy(c => c.Order);
        foreach (var contributor in contributors)
        {
            if (await contributor.ContributeAsync(context, cancellationToken) is { } part)
            {
                content.AppendHtml(await html.PartialAsync(part.ViewName, part.Model));
            }
        }

        return content;
    }
}
