using System.Text.Json;
using ZonaWelfare.Abstractions.Workflows;
using ZonaWelfare.Modules.Workflows.Models;
using ZonaWelfare.Modules.Workflows.Services;

namespace ZonaWelfare.Modules.Workflows.Admin;

/// <summary>A type's graph as the admin draws it (SVG) and lists it (text), with titles and outcome names in Italian.</summary>
internal sealed record WorkflowGraphModel(string Caption, GraphLayout Layout, IReadOnlyList<WorkflowGraphLine> Lines, IReadOnlyList<string> Starts);

/// <summary>One transition in words, for the list beside the drawing.</summary>
internal sealed record WorkflowGraphLine(string From, string Outcome, string To);

internal static class WorkflowGraph
{
    public static WorkflowGraphModel Build(WorkflowTypeDefinition definition, WorkflowActivityCatalog catalog)
    {
        var titles = new Dictionary<string, string>(StringComparer.Ordinal);
        var outcomeNames = new Dictionary<(string, string), string>();
        var nodes = new List<GraphNodeInput>();
        foreach (var activity in definition.Activities)
        {
            var known = catalog.Find(activity.Activity);
            var title = known is null ? (string.IsNullOrWhiteSpace(activity.Title) ? activity.Id : activity.Title) : WorkflowTypeValidator.Title(activity, known);
            titles.TryAdd(activity.Id, title);
            nodes.Add(new GraphNodeInput(activity.Id, title, known?.DisplayName ?? activity.Activity, activity.Start, activity.X, activity.Y));
            if (known is not null && TryOutcomes(known, activity) is { } outcomes)
            {
                foreach (var outcome in outcomes)
                {
                    outcomeNames.TryAdd((activity.Id, outcome.Name), outcome.DisplayName);
                }
            }
        }

        string Outcome(TransitionDefinition t) => outcomeNames.GetValueOrDefault((t.From, t.Outcome), t.Outcome);
        var edges = definition.Transitions.Select(t => new GraphEdgeInput(t.From, t.To, Outcome(t))).ToList();
        var lines = definition.Transitions
            .Select(t => new WorkflowGraphLine(titles.GetValueOrDefault(t.From, t.From), Outcome(t), titles.GetValueOrDefault(t.To, t.To)))
            .ToList();
        var starts = definition.Activities.Where(a => a.Start).Select(a => titles.GetValueOrDefault(a.Id, a.Id)).ToList();
        return new WorkflowGraphModel(
            $"Grafo del flusso «{definition.DisplayName}»: {definition.Activities.Count} attività, {definition.Transitions.Count} transizioni",
            WorkflowGraphLayout.Compute(nodes, edges),
            lines,
            starts);
    }

    private static IReadOnlyList<WorkflowOutcome>? TryOutcomes(IWorkflowActivity activity, ActivityDefinition definition)
    {
        try
        {
            return activity.Outcomes(activity.ReadOptions(definition.Options));
        }
        catch (JsonException)
        {
            // Options the editor has not fixed yet: the graph shows the outcomes' technical names.
            return null;
        }
    }
}
