using System.Reflection;
using Microsoft.Extensions.DependencyModel;
using ZonaWelfare.Abstractions.Modules;

namespace ZonaWelfare.Core.Modules;

/// <summary>The modules this host knows, validated once: unique ids, known dependencies, no cycles.</summary>
public sealed class ModuleCatalog
{
    private readonly Dictionary<string, ZoneModule> _byId;
    private readonly Dictionary<Assembly, ZoneModule> _byAssembly;

    public ModuleCatalog(IEnumerable<ZoneModule> modules)
    {
        _byId = new Dictionary<string, ZoneModule>(StringComparer.Ordinal);
        _byAssembly = [];
        foreach (var module in modules)
        {
            var id = module.Manifest.Id;
            if (!_byId.TryAdd(id, module))
            {
                throw new InvalidOperationException($"Two modules declare the id '{id}': {_byId[id].GetType().FullName} and {module.GetType().FullName}.");
            }

            _byAssembly.TryAdd(module.GetType().Assembly, module);
        }

        foreach (var module in _byId.Values)
        {
            foreach (var dependency in module.Manifest.DependsOn.Where(d => !_byId.ContainsKey(d)))
            {
                throw new InvalidOperationException($"Module '{module.Manifest.Id}' depends on '{dependency}', which this host does not have.");
            }
        }

        Ordered = TopologicalOrder();
    }

    /// <summary>Every module, dependencies before dependants.</summary>
    public IReadOnlyList<ZoneModule> Ordered { get; }

    public bool Contains(string id) => _byId.ContainsKey(id);

    public ZoneModule? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>The module whose entry point lives in <paramref name="assembly"/>, if any.</summary>
    public ZoneModule? FindByAssembly(Assembly assembly) => _byAssembly.GetValueOrDefault(assembly);

    /// <summary>
    /// Finds modules in the assemblies the host references: its project references as recorded in its
    /// <c>.deps.json</c> (the compiler drops references whose types the host never names), and the
    /// assemblies it references directly.
    /// </summary>
    public static IReadOnlyList<ZoneModule> Discover(Assembly entryAssembly)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        if (DependencyContext.Load(entryAssembly) is { } dependencies)
        {
            names.UnionWith(dependencies.RuntimeLibraries.Select(l => l.Name).Where(IsCandidate));
        }

        names.UnionWith(entryAssembly.GetReferencedAssemblies().Select(a => a.Name!).Where(IsCandidate));
        var assemblies = names.Select(n => Assembly.Load(new AssemblyName(n))).Append(entryAssembly).Distinct();
        return assemblies
            .SelectMany(a => a.GetTypes())
            .Where(t => t is { IsAbstract: false, IsClass: true } && t.IsSubclassOf(typeof(ZoneModule)))
            .Select(t => (ZoneModule)Activator.CreateInstance(t)!)
            .ToList();

        // Only our own assemblies can hold modules; skip the framework and packages.
        static bool IsCandidate(string? name) => name is not null && name.StartsWith("ZonaWelfare.", StringComparison.Ordinal);
    }

    /// <summary>The set after enabling <paramref name="ids"/>: each with its dependencies, transitively.</summary>
    public ModuleChange Enable(IEnumerable<string> current, IEnumerable<string> ids)
    {
        var result = new SortedSet<string>(current, StringComparer.Ordinal);
        var errors = new List<string>();
        var stack = new Stack<string>(ids);
        while (stack.TryPop(out var id))
        {
            if (!_byId.TryGetValue(id, out var module))
            {
                errors.Add($"il modulo '{id}' non esiste.");
                continue;
            }

            if (result.Add(id))
            {
                foreach (var dependency in module.Manifest.DependsOn)
                {
                    stack.Push(dependency);
                }
            }
        }

        return new ModuleChange(result, errors);
    }

    /// <summary>
    /// The set after disabling <paramref name="ids"/>; refused (with a message naming both modules)
    /// when a module that stays enabled needs one of them.
    /// </summary>
    public ModuleChange Disable(IEnumerable<string> current, IEnumerable<string> ids)
    {
        var result = new SortedSet<string>(current, StringComparer.Ordinal);
        var errors = new List<string>();
        var removing = ids.ToHashSet(StringComparer.Ordinal);
        foreach (var id in removing.Where(id => !_byId.ContainsKey(id)))
        {
            errors.Add($"il modulo '{id}' non esiste.");
        }

        result.ExceptWith(removing);
        foreach (var dependant in result.Select(Find).OfType<ZoneModule>())
        {
            foreach (var needed in dependant.Manifest.DependsOn.Where(removing.Contains))
            {
                errors.Add($"impossibile disattivare «{Name(needed)}» ({needed}): il modulo «{dependant.Manifest.Name}» ({dependant.Manifest.Id}), che resta attivo, ne ha bisogno.");
            }
        }

        return new ModuleChange(result, errors);
    }

    private string Name(string id) => _byId.TryGetValue(id, out var m) ? m.Manifest.Name : id;

    private List<ZoneModule> TopologicalOrder()
    {
        var ordered = new List<ZoneModule>();
        var state = new Dictionary<string, bool>(StringComparer.Ordinal); // false = visiting, true = done
        foreach (var id in _byId.Keys.Order(StringComparer.Ordinal))
        {
            Visit(id, []);
        }

        return ordered;

        void Visit(string id, List<string> path)
        {
            if (state.TryGetValue(id, out var done))
            {
                if (!done)
                {
                    throw new InvalidOperationException($"Module dependencies form a cycle: {string.Join(" → ", path.Append(id))}.");
                }

                return;
            }

            state[id] = false;
            path.Add(id);
            foreach (var dependency in _byId[id].Manifest.DependsOn)
            {
                Visit(dependency, path);
            }

            path.RemoveAt(path.Count - 1);
            state[id] = true;
            ordered.Add(_byId[id]);
        }
    }
}

/// <summary>The outcome of enabling or disabling modules: the resulting set, or why it is refused.</summary>
public sealed record ModuleChange(IReadOnlySet<string> Modules, IReadOnlyList<string> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}
