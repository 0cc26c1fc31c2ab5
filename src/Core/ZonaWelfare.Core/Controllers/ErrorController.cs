using Microsoft.AspNetCore.Mvc;

namespace ZonaWelfare.Core.Controllers;

/// <summary>Error pages in Italian, for zones and platform alike.</summary>
[ApiExplorerSettings(IgnoreApi = true)]
internal sealed class ErrorController : Controller
{
    [Route("/error/{code:int?}")]
    public IActionResult Index(int? code)
    {
        var status = code ?? 500;
        Response.StatusCode = status;
        return View("~/Views/Error/Index.cshtml", status);
    }
}
