using System.Text.Json;
using System.Text.Json.Nodes;
using ZonaWelfare.Abstractions.Workflows;

namespace ZonaWelfare.Modules.Workflows.Services;

/// <summary>Where an instance is (stored as JSON with it): what it waits at, join arrivals, its properties.</summary>
internal sealed class InstanceState
{
    /// <summary>Activities the instance waits at (an event or a timer).</summary>
    public List<string> Waiting { get; set; } = [];

    /// <summary>Join activity → the activities whose branch has arrived.</summary>
    public Dictionary<string, List<string>> Joins { get; set; } = [];

    /// <summary>What a faulted instance runs again when retried: the run that failed, from its start.</summary>
    public List<PendingStep> Pending { get; set; } = [];

    public JsonObject Properties { get; set; } = [];

    /// <summary>History sequence: the next entry's number.</summary>
    public int Sequence { get; set; }

    public static InstanceState Read(string json) => JsonSerializer.Deserialize<InstanceState>(json, Json) ?? new InstanceState();

    public string Write() => JsonSerializer.Serialize(this, Json);

    public InstanceState Copy() => Read(Write());

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
}

/// <summary>An activity to run, resumed by a trigger or arrived at from another activity.</summary>
internal sealed record PendingStep(string ActivityId, StoredTrigger? Trigger = null, string? From = null);

/// <summary>A trigger as an instance keeps it (its history, a retry).</summary>
internal sealed record StoredTrigger(string EventName, string? CorrelationId, JsonObject Input, string? ContentType = null, IReadOnlyList<string>? Parts = null, string? SignalName = null)
{
    public static StoredTrigger From(WorkflowTrigger trigger) =>
        new(trigger.EventName, trigger.CorrelationId, trigger.Input, trigger.ContentType, trigger.Parts, trigger.SignalName);

    public WorkflowTrigger ToTrigger() =>
        new(EventName, CorrelationId, Input) { ContentType = ContentType, Parts = Parts ?? [], SignalName = SignalName };
}
