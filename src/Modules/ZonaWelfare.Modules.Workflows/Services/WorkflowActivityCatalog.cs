using ZonaWelfare.Abstractions.Workflows;

namespace ZonaWelfare.Modules.Workflows.Services;

/// <summary>Every activity the host's modules register, and those a zone may use (its modules are enabled).</summary>
internal sealed class WorkflowActivityCatalog(IEnumerable<IWorkflowActivity> activities, IEnumerable<WorkflowSignalDescriptor> signals)
{
    private readonly Dictionary<string, IWorkflowActivity> _byName = activities.ToDictionary(a => a.Name, StringComparer.Ordinal);

    public IReadOnlyCollection<IWorkflowActivity> All => _byName.Values;

    public IReadOnlyList<WorkflowSignalDescriptor> AllSignals { get; } = signals.ToList();

    public IWorkflowActivity? Find(string name) => _byName.GetValueOrDefault(name);

    public IReadOnlyList<IWorkflowActivity> Offered(IReadOnlySet<string> enabledModules) =>
        _byName.Values.Where(a => enabledModules.Contains(a.ModuleId)).OrderBy(a => a.Kind).ThenBy(a => a.DisplayName, StringComparer.CurrentCulture).ToList();

    public IReadOnlyList<WorkflowSignalDescriptor> Signals(IReadOnlySet<string> enabledModules) =>
        AllSignals.Where(s => enabledModules.Contains(s.ModuleId)).ToList();
}
