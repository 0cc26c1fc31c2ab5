using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using ZonaWelfare.Abstractions.Contents;
using ZonaWelfare.Modules.Contents.Services;

namespace ZonaWelfare.Modules.Contents.Components;

/// <summary>
/// The fields a zone declared on an item's content type, as its public page shows them. Other modules'
/// pages include them by name, <c>@await Component.InvokeAsync("ContentFields", new { item })</c>, so a
/// field a zone adds by recipe (say, to a Bussola service) appears without the module knowing it.
/// </summary>
public sealed class ContentFieldsViewComponent : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(ContentItem item)
    {
        var fields = await HttpContext.RequestServices.GetRequiredService<ContentDisplayBuilder>().BuildFieldsAsync(item, HttpContext.RequestAborted);
        return View(fields);
    }
}
