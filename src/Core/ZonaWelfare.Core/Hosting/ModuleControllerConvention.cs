using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using ZonaWelfare.Abstractions.Modules;
using ZonaWelfare.Abstractions.Routing;

namespace ZonaWelfare.Core.Hosting;

/// <summary>
/// Controllers that live in a module's assembly belong to that module: they answer only in zones that
/// enable it. A controller can still say otherwise with its own <see cref="ZoneEndpointAttribute"/>.
/// </summary>
internal sealed class ModuleControllerConvention : IControllerModelConvention
{
    private readonly ConcurrentDictionary<Assembly, string?> _moduleOfAssembly = new();

    public void Apply(ControllerModel controller)
    {
        var declared = controller.Attributes.OfType<ZoneEndpointAttribute>().Any() || controller.Attributes.OfType<PlatformEndpointAttribute>().Any();
        var moduleId = _moduleOfAssembly.GetOrAdd(controller.ControllerType.Assembly, FindModule);
        if (declared || moduleId is null)
        {
            return;
        }

        foreach (var selector in controller.Selectors)
        {
            selector.EndpointMetadata.Add(new ZoneEndpointAttribute(moduleId));
        }
    }

    private static string? FindModule(Assembly assembly) =>
        assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsClass: true } && t.IsSubclassOf(typeof(ZoneModule)))
            .Select(t => ((ZoneModule)Activator.CreateInstance(t)!).Manifest.Id)
            .FirstOrDefault();
}
