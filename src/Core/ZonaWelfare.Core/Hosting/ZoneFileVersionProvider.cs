using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.Extensions.DependencyInjection;

namespace ZonaWelfare.Core.Hosting;

/// <summary>
/// <c>asp-append-version</c> for pages of many zones. A zone's page links <c>~/_content/…</c> under its own path base
/// (<c>/livornese/_content/…</c>), and MVC's provider caches a version, and watches a file, per full path: one set
/// per zone, for ever, so memory grew with every zone a node served. The version is of the file, whatever the zone:
/// this asks for it without the path base and puts the path base back.
/// </summary>
internal sealed class ZoneFileVersionProvider(IFileVersionProvider inner) : IFileVersionProvider
{
    public string AddFileVersionToPath(PathString requestPathBase, string path)
    {
        if (requestPathBase.HasValue && path.Length > requestPathBase.Value!.Length && path[requestPathBase.Value.Length] == '/'
            && path.StartsWith(requestPathBase.Value, StringComparison.OrdinalIgnoreCase))
        {
            return requestPathBase.Value + inner.AddFileVersionToPath(PathString.Empty, path[requestPathBase.Value.Length..]);
        }

        return inner.AddFileVersionToPath(requestPathBase, path);
    }

    /// <summary>Wraps the registered provider (MVC's own, an internal type) in this one.</summary>
    public static void Decorate(IServiceCollection services)
    {
        var registered = services.LastOrDefault(d => d.ServiceType == typeof(IFileVersionProvider))
            ?? throw new InvalidOperationException("MVC's IFileVersionProvider is not registered: call after AddControllersWithViews.");
        services.Remove(registered);
        services.AddSingleton<IFileVersionProvider>(sp => new ZoneFileVersionProvider(registered.ImplementationType is { } type
            ? (IFileVersionProvider)ActivatorUtilities.CreateInstance(sp, type)
            : registered.ImplementationFactory is { } factory ? (IFileVersionProvider)factory(sp) : (IFileVersionProvider)registered.ImplementationInstance!));
    }
}
