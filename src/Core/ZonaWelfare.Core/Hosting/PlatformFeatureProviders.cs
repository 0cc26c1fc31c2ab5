using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.ViewComponents;

namespace ZonaWelfare.Core.Hosting;

/// <summary>
/// MVC's controller discovery, plus the internal controllers of the platform's own assemblies (Core and
/// the modules). MVC finds only public controllers; a module keeps everything but its entry point
/// internal, so its controllers can take its internal services through their constructors.
/// </summary>
internal sealed class PlatformControllerFeatureProvider(PlatformAssemblies assemblies) : ControllerFeatureProvider
{
    protected override bool IsController(TypeInfo typeInfo) =>
        base.IsController(typeInfo) || (IsInternalCandidate(typeInfo, assemblies) && FollowsConvention(typeInfo));

    /// <summary>MVC's rules for a controller, less "public": a class, not abstract nor open generic, named *Controller or marked [Controller].</summary>
    private static bool FollowsConvention(TypeInfo type) =>
        !type.IsDefined(typeof(NonControllerAttribute))
        && (type.Name.EndsWith("Controller", StringComparison.OrdinalIgnoreCase) || type.IsDefined(typeof(ControllerAttribute)));

    /// <summary>A top-level internal class of Core or of a module, concrete and closed.</summary>
    internal static bool IsInternalCandidate(TypeInfo type, PlatformAssemblies assemblies) =>
        type is { IsClass: true, IsAbstract: false, IsNotPublic: true, IsNested: false, ContainsGenericParameters: false }
        && assemblies.IsPlatformAssembly(type.Assembly);
}

/// <summary>
/// MVC's view component discovery, plus the internal view components of Core and the modules.
/// </summary>
/// <remarks>
/// <see cref="ViewComponentFeatureProvider.PopulateFeature"/> is not virtual, so the interface is implemented
/// again here; deriving from it still tells MVC that a view component provider is in place, so a later
/// <c>AddControllersWithViews</c> does not add the default one back beside it.
/// </remarks>
internal sealed class PlatformViewComponentFeatureProvider(PlatformAssemblies assemblies) : ViewComponentFeatureProvider, IApplicationFeatureProvider<ViewComponentFeature>
{
    public new void PopulateFeature(IEnumerable<ApplicationPart> parts, ViewComponentFeature feature)
    {
        var types = parts.OfType<IApplicationPartTypeProvider>().SelectMany(p => p.Types)
            .Where(t => ViewComponentConventions.IsComponent(t) || (PlatformControllerFeatureProvider.IsInternalCandidate(t, assemblies) && FollowsConvention(t)));
        foreach (var type in types.Where(t => !feature.ViewComponents.Contains(t)))
        {
            feature.ViewComponents.Add(type);
        }
    }

    /// <summary>MVC's rules for a view component, less "public": named *ViewComponent or marked [ViewComponent].</summary>
    private static bool FollowsConvention(TypeInfo type) =>
        !type.IsDefined(typeof(NonViewComponentAttribute))
        && (type.Name.EndsWith(ViewComponentConventions.ViewComponentSuffix, StringComparison.OrdinalIgnoreCase) || type.IsDefined(typeof(ViewComponentAttribute)));
}
