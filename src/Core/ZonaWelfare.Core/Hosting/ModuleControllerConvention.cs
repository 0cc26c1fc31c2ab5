using Microsoft.AspNetCore.Mvc.ApplicationModels;
using ZonaWelfare.Abstractions.Routing;

namespace ZonaWelfare.Core.Hosting;

/// <summary>
/// Controllers that live in a module's assembly belong to that module: they answer only in zones that
/// enable it. A controller can still say otherwise with its own <see cref="ZoneEndpointAttribute"/>.
/// </summary>
internal sealed class ModuleControllerConvention(PlatformAssemblies assemblies) : IControllerModelConvention
{
    public void Apply(ControllerModel controller)
    {
        var declared = controller.Attributes.OfType<ZoneEndpointAttribute>().Any() || controller.Attributes.OfType<PlatformEndpointAttribute>().Any();
        var moduleId = assemblies.ModuleOf(controller.ControllerType.Assembly);
        if (declared || moduleId is null)
        {
            return;
        }

        foreach (var selector in controller.Selectors)
        {
            selector.EndpointMetadata.Add(new ZoneEndpointAttribute(moduleId));
        }
    }
}
