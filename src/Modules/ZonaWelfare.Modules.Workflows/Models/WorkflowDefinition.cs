using System.Text.Json.Nodes;

namespace ZonaWelfare.Modules.Workflows.Models;

/// <summary>
/// A workflow type as a recipe or the editor writes it: activities (each a registered kind with typed options) joined
/// by transitions from an activity's outcome to the next activity. Stored as JSON, one row per version.
/// </summary>
/// <param name="Name">Stable technical name, e.g. <c>PaginaPubblicata</c>.</param>
/// <param name="DisplayName">Italian name shown in the admin.</param>
/// <param name="Enabled">Whether new instances start; running instances go on either way.</param>
/// <param name="Singleton">At most one running instance per correlated item: a new start cancels the running one.</param>
/// <param name="Activities">The activities; those marked <c>start</c> start instances.</param>
/// <param name="Transitions">From an activity's outcome to another activity.</param>
/// <param name="Description">What the workflow is for (Italian).</param>
internal sealed record WorkflowTypeDefinition(
    string Name,
    string DisplayName,
    IReadOnlyList<ActivityDefinition> Activities,
    IReadOnlyList<TransitionDefinition> Transitions,
    bool Enabled = true,
    bool Singleton = false,
    string? Description = null);

/// <param name="Id">Unique in the type, e.g. <c>invia-mail</c>.</param>
/// <param name="Activity">The registered activity's name, e.g. <c>SendEmail</c>.</param>
/// <param name="Start">Whether this (event) activity starts instances.</param>
/// <param name="Options">The activity's typed options (camelCase JSON, checked against its options record).</param>
/// <param name="X">Position in the drawn graph (optional).</param>
/// <param name="Y">Position in the drawn graph (optional).</param>
/// <param name="Title">The name editors read in the graph and in messages (default: the activity's name and id).</param>
internal sealed record ActivityDefinition(string Id, string Activity, bool Start = false, JsonObject? Options = null, int? X = null, int? Y = null, string? Title = null);

internal sealed record TransitionDefinition(string From, string Outcome, string To);
