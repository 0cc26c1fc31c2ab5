using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using ZonaWelfare.Modules.Workflows.Models;

namespace ZonaWelfare.Modules.Workflows.Admin;

/// <summary>An activity row of the editor, as typed (the options are text until they are valid JSON).</summary>
internal sealed record ActivityRow(string Id, string Title, string Activity, bool Start, string Options, int? X = null, int? Y = null);

internal sealed record TransitionRow(string From, string Outcome, string To);

/// <summary>
/// The editor's form: the type's settings, one row per activity and per transition, read back exactly as typed so
/// that a refused save shows the user's own text. Rows are numbered by their inputs' indexes, whatever gaps the
/// page's script leaves when rows are removed.
/// </summary>
internal sealed partial record WorkflowEditorForm(
    string Name,
    string DisplayName,
    string Description,
    bool Enabled,
    bool Singleton,
    IReadOnlyList<ActivityRow> Activities,
    IReadOnlyList<TransitionRow> Transitions)
{
    /// <summary>How options are written in the editor's text areas.</summary>
    public static readonly JsonSerializerOptions Pretty = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static WorkflowEditorForm From(WorkflowTypeDefinition definition) => new(
        definition.Name,
        definition.DisplayName,
        definition.Description ?? "",
        definition.Enabled,
        definition.Singleton,
        definition.Activities.Select(a => new ActivityRow(a.Id, a.Title ?? "", a.Activity, a.Start, (a.Options ?? []).ToJsonString(Pretty), a.X, a.Y)).ToList(),
        definition.Transitions.Select(t => new TransitionRow(t.From, t.Outcome, t.To)).ToList());

    public static WorkflowEditorForm Read(IFormCollection form)
    {
        string Text(string key) => form[key].ToString().Trim();
        var activities = Indexes(form, "activities").Select(i => new ActivityRow(
            Text($"activities[{i}].id"),
            Text($"activities[{i}].title"),
            Text($"activities[{i}].activity"),
            form[$"activities[{i}].start"].Contains("true"),
            form[$"activities[{i}].options"].ToString(),
            Int(Text($"activities[{i}].x")),
            Int(Text($"activities[{i}].y")))).ToList();
        var transitions = Indexes(form, "transitions")
            .Select(i => new TransitionRow(Text($"transitions[{i}].from"), Text($"transitions[{i}].outcome"), Text($"transitions[{i}].to")))
            .Where(t => t.From.Length > 0 || t.Outcome.Length > 0 || t.To.Length > 0)
            .ToList();
        return new WorkflowEditorForm(Text("name"), Text("displayName"), Text("description"), form["enabled"].Contains("true"), form["singleton"].Contains("true"), activities, transitions);
    }

    /// <summary>
    /// The definition the rows describe, or the problems of options that are not a JSON object (by the
    /// validator's paths, so they show at their activity like its other problems).
    /// </summary>
    public (WorkflowTypeDefinition? Definition, IReadOnlyList<(string Path, string Message)> Problems) ToDefinition()
    {
        var problems = new List<(string, string)>();
        var activities = new List<ActivityDefinition>();
        for (var i = 0; i < Activities.Count; i++)
        {
            var row = Activities[i];
            JsonObject? options = null;
            if (row.Options.Trim().Length > 0)
            {
                try
                {
                    options = JsonNode.Parse(row.Options) as JsonObject;
                    if (options is null)
                    {
                        problems.Add(($"activities[{i}].options", "le opzioni devono essere un oggetto JSON, tra parentesi graffe: { … }."));
                    }
                }
                catch (JsonException ex)
                {
                    problems.Add(($"activities[{i}].options", $"le opzioni non sono JSON valido (riga {(ex.LineNumber ?? 0) + 1}, carattere {(ex.BytePositionInLine ?? 0) + 1})."));
                }
            }

            // An empty object is stored as no options, as recipes write activities that have none.
            activities.Add(new ActivityDefinition(row.Id, row.Activity, row.Start, options is { Count: > 0 } ? options : null, row.X, row.Y, row.Title.Length > 0 ? row.Title : null));
        }

        if (problems.Count > 0)
        {
            return (null, problems);
        }

        var definition = new WorkflowTypeDefinition(
            Name,
            DisplayName,
            activities,
            Transitions.Select(t => new TransitionDefinition(t.From, t.Outcome, t.To)).ToList(),
            Enabled,
            Singleton,
            Description.Length > 0 ? Description : null);
        return (definition, []);
    }

    public WorkflowEditorForm WithActivity(ActivityRow row) => this with { Activities = [.. Activities, row] };

    public WorkflowEditorForm WithoutActivity(int index) => this with { Activities = Activities.Where((_, i) => i != index).ToList() };

    public WorkflowEditorForm WithTransition(TransitionRow row) => this with { Transitions = [.. Transitions, row] };

    public WorkflowEditorForm WithoutTransition(int index) => this with { Transitions = Transitions.Where((_, i) => i != index).ToList() };

    /// <summary>An id for a new activity that no row uses yet.</summary>
    public string NewActivityId()
    {
        for (var n = Activities.Count + 1; ; n++)
        {
            var id = "attivita-" + n.ToString(CultureInfo.InvariantCulture);
            if (Activities.All(a => a.Id != id))
            {
                return id;
            }
        }
    }

    private static IEnumerable<int> Indexes(IFormCollection form, string prefix) =>
        form.Keys
            .Select(k => RowKey().Match(k))
            .Where(m => m.Success && m.Groups[1].Value == prefix)
            .Select(m => int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture))
            .Distinct()
            .Order();

    private static int? Int(string text) => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    [GeneratedRegex(@"^(activities|transitions)\[(\d{1,4})\]\.")]
    private static partial Regex RowKey();
}
