using Microsoft.AspNetCore.Http;

namespace ZonaWelfare.Core.Security;

/// <summary>
/// The security headers of every response (pages, admin, API, static files, errors), set in one place before
/// anything else runs. The Content-Security-Policy allows scripts, styles, fonts and images from this origin
/// only (styles may also be inline, see below): no inline script runs, no site may frame a page. Pages therefore
/// carry no inline code (scripts live in the modules' <c>wwwroot</c>); JSON-LD data blocks are not scripts and
/// are unaffected. Geolocation is allowed only on the Bussola's pages, which offer "vicino a me".
/// </summary>
internal sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    // Styles: Bootstrap Italia's script adds <style> elements at run time (the browser test
    // ContentSecurityPolicyTests saw them blocked), so style-src allows inline styles; they cannot run code, and
    // our own markup carries no style attribute (SecurityHeadersTests checks it). Its CSS embeds a font as a
    // data: URL, hence font-src data:. Scripts stay 'self' only: no inline script, no eval.
    internal const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; form-action 'self'; base-uri 'self'; object-src 'none'; frame-ancestors 'none'";

    private const string DeviceFeatures = "camera=(), microphone=(), payment=(), usb=(), interest-cohort=(), ";

    public Task InvokeAsync(HttpContext context)
    {
        // Set as the response starts: the exception handler clears the headers of a failed response.
        context.Response.OnStarting(static state => Apply((HttpContext)state), context);
        return next(context);
    }

    private static Task Apply(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers["Permissions-Policy"] = DeviceFeatures + (AsksForPosition(context.Request) ? "geolocation=(self)" : "geolocation=()");
        return Task.CompletedTask;
    }

    /// <summary>
    /// The Bussola's search and service pages, <c>/{zone}/bussola…</c> (or <c>/bussola…</c> on a zone's own host
    /// name), where a citizen may ask for services near them.
    /// </summary>
    private static bool AsksForPosition(HttpRequest request)
    {
        // Written without splitting: it runs on every answer.
        var path = (request.PathBase.Value + request.Path.Value).AsSpan();
        for (var segment = 0; segment < 2; segment++)
        {
            path = path.TrimStart('/');
            if (path.IsEmpty)
            {
                return false;
            }

            var end = path.IndexOf('/');
            var name = end < 0 ? path : path[..end];
            if (name.Equals("bussola", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            path = end < 0 ? [] : path[end..];
        }

        return false;
    }
}
