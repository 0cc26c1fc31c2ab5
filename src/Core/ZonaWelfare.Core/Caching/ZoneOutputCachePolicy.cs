using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Primitives;
using ZonaWelfare.Abstractions.Caching;
using ZonaWelfare.Abstractions.Zones;

namespace ZonaWelfare.Core.Caching;

/// <summary>
/// Caches anonymous GET/HEAD 200 responses of a zone's public pages for ten minutes, tagged with the
/// zone so publishing evicts just that zone. The key varies by zone: <c>/api/{zone}/…</c> requests reach
/// their zone with the same path base and path (<c>/api/…</c>), so host and path alone would mix zones.
/// </summary>
internal sealed class ZoneOutputCachePolicy : IOutputCachePolicy
{
    public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var http = context.HttpContext;
        var zone = http.RequestServices.GetRequiredService<IZoneContext>().Zone;
        var anonymous = http.User.Identity?.IsAuthenticated != true && !http.Request.Headers.ContainsKey("Authorization");
        var cacheable = zone is not null && anonymous && (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method));
        context.EnableOutputCaching = true;
        context.AllowCacheLookup = cacheable;
        context.AllowCacheStorage = cacheable;
        context.AllowLocking = true;
        context.ResponseExpirationTimeSpan = TimeSpan.FromMinutes(10);
        context.CacheVaryByRules.QueryKeys = "*";
        if (zone is not null)
        {
            context.Tags.Add(ZoneOutputCache.Tag(zone.Slug));
            context.Tags.Add(ZoneOutputCache.AllZonesTag);
            context.CacheVaryByRules.VaryByValues["zone"] = zone.Slug;
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var response = context.HttpContext.Response;
        if (response.StatusCode != StatusCodes.Status200OK || !StringValues.IsNullOrEmpty(response.Headers.SetCookie))
        {
            context.AllowCacheStorage = false;
        }

        return ValueTask.CompletedTask;
    }
}

/// <summary>Evicts the current zone's cached pages, on every node.</summary>
internal sealed class ZoneCacheInvalidator(ZoneEvictions evictions, IZoneContext zoneContext) : IZoneCacheInvalidator
{
    public Task InvalidateAsync(CancellationToken cancellationToken = default) =>
        evictions.EvictZoneAsync(zoneContext.Current.Slug, cancellationToken);
}
