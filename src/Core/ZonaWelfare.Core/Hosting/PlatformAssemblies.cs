using System.Collections.Concurrent;
using System.Reflection;
using ZonaWelfare.Abstractions.Modules;

namespace ZonaWelfare.Core.Hosting;

/// <summary>
/// Which assemblies are the platform's own: this one (Core) and every assembly that holds a module's
/// entry point. Only their types may be internal controllers and view components, so a package's
/// internal helper that happens to end in "Controller" never becomes an endpoint.
/// </summary>
internal sealed class PlatformAssemblies
{
    private readonly ConcurrentDictionary<Assembly, string?> _moduleOfAssembly = new();
    private readonly ConcurrentDictionary<Assembly, bool> _holdsModule = new();

    /// <summary>The id of the module whose entry point <paramref name="assembly"/> holds, or null.</summary>
    public string? ModuleOf(Assembly assembly) => _moduleOfAssembly.GetOrAdd(assembly, FindModule);

    public bool IsPlatformAssembly(Assembly assembly) =>
        assembly == typeof(PlatformAssemblies).Assembly || _holdsModule.GetOrAdd(assembly, a => ModuleTypes(a).Any());

    // The host creates modules through their parameterless constructor (ModuleCatalog.Discover): so does this.
    private static string? FindModule(Assembly assembly) =>
        ModuleTypes(assembly)
            .Where(t => t.GetConstructor(Type.EmptyTypes) is not null)
            .Select(t => ((ZoneModule)Activator.CreateInstance(t)!).Manifest.Id)
            .FirstOrDefault();

    private static IEnumerable<Type> ModuleTypes(Assembly assembly) =>
        assembly.GetTypes().Where(t => t is { IsAbstract: false, IsClass: true } && t.IsSubclassOf(typeof(ZoneModule)));
}
