using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using ZonaWelfare.Abstractions.Zones;

namespace ZonaWelfare.Core.Zones;

/// <summary>
/// Sets the request's zone, moves its path prefix into PathBase, activates the zone on first use and holds it
/// for the whole request, so an idle-zone release never closes what the request is using.
/// </summary>
internal sealed class ZoneResolutionMiddleware(RequestDelegate next, ZoneResolver resolver, ZoneActivator activator)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var match = await resolver.ResolveAsync(context.Request.Host, context.Request.PathBase, context.Request.Path, context.RequestAborted);
        if (match is null)
        {
            await next(context);
            return;
        }

        if (match.Zone.State != ZoneState.Running)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        if (match.Kind == ZoneMatchKind.PathPrefix && !match.Path.HasValue && HttpMethods.IsGet(context.Request.Method))
        {
            // "/livornese" → "/livornese/": relative links on the zone's pages resolve under it.
            context.Response.Redirect(match.PathBase + "/" + context.Request.QueryString, permanent: true);
            return;
        }

        using var lease = await activator.AcquireAsync(match.Zone, request: true, context.RequestAborted);
        context.RequestServices.GetRequiredService<IZoneContextAccessor>().SetZone(match.Zone);

        var originalPathBase = context.Request.PathBase;
        var originalPath = context.Request.Path;
        context.Request.PathBase = match.PathBase;
        context.Request.Path = match.Path.HasValue ? match.Path : new PathString("/");
        try
        {
            await next(context);
        }
        finally
        {
            context.Request.PathBase = originalPathBase;
            context.Request.Path = originalPath;
        }
    }
}
