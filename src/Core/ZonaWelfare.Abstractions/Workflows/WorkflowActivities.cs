using System.Text.Json;
using System.Text.Json.Nodes;
using ZonaWelfare.Abstractions.Contents;

namespace ZonaWelfare.Abstractions.Workflows;

/// <summary>Whether an activity waits for something to happen (an event) or does something (a task).</summary>
public enum WorkflowActivityKind
{
    /// <summary>Starts an instance, or stops it until the event happens (a content event, a timer, a signal).</summary>
    Event,

    /// <summary>Does its work and leaves by one or more outcomes.</summary>
    Task,
}

/// <summary>A way out of an activity, e.g. <c>done</c>, <c>true</c> / <c>false</c>; transitions start from one.</summary>
public sealed record WorkflowOutcome(string Name, string DisplayName);

/// <summary>
/// Something that happened in a zone that workflows may react to: a content event, a signal of a module, a timer.
/// </summary>
/// <param name="EventName">What happened, e.g. <c>content.published</c>, <c>signal</c>, <c>manual</c>.</param>
/// <param name="CorrelationId">The item it is about (a content item id for content events), or the signal's correlation.</param>
/// <param name="Input">The event's data, kept with the instance (and shown in its history).</param>
public sealed record WorkflowTrigger(string EventName, string? CorrelationId, JsonObject Input)
{
    /// <summary>For content events: the item's type.</summary>
    public string? ContentType { get; init; }

    /// <summary>For content events: the parts of the item's type.</summary>
    public IReadOnlyList<string> Parts { get; init; } = [];

    /// <summary>For signals: the signal's registered name.</summary>
    public string? SignalName { get; init; }
}

/// <summary>How an activity ends its turn.</summary>
public sealed class ActivityResult
{
    private ActivityResult(IReadOnlyList<string> outcomes, bool wait, DateTimeOffset? until)
    {
        Outcomes = outcomes;
        Waits = wait;
        Until = until;
    }

    /// <summary>The outcomes the instance leaves by (none: this branch ends).</summary>
    public IReadOnlyList<string> Outcomes { get; }

    /// <summary>The instance stops at this activity until its event (<see cref="IWorkflowActivity.EventNameOf"/>) happens.</summary>
    public bool Waits { get; }

    /// <summary>The instance stops at this activity until this moment (a durable timer, fired once on some node).</summary>
    public DateTimeOffset? Until { get; }

    public static ActivityResult Done(params string[] outcomes) => new(outcomes, false, null);

    public static ActivityResult Wait() => new([], true, null);

    public static ActivityResult WaitUntil(DateTimeOffset due) => new([], true, due);
}

/// <summary>What an activity knows while it runs, in a scope of the instance's zone.</summary>
public sealed class WorkflowExecutionContext
{
    public required string InstanceId { get; init; }

    public required string WorkflowTypeId { get; init; }

    public required string ActivityId { get; init; }

    /// <summary>The item the instance is correlated with (its latest version), if any.</summary>
    public ContentItem? Item { get; set; }

    public string? CorrelationId { get; init; }

    /// <summary>The input of the event that started the instance (kept for its whole life, timers included).</summary>
    public required JsonObject Input { get; init; }

    /// <summary>The trigger that resumed the instance at this activity, when it is an event being resumed.</summary>
    public WorkflowTrigger? Resumed { get; init; }

    /// <summary>Values activities keep for later ones (stored with the instance).</summary>
    public required JsonObject Properties { get; init; }

    public required IServiceProvider Services { get; init; }

    public required DateTimeOffset Now { get; init; }

    /// <summary>The content manager of the zone, to read or change items.</summary>
    public required IContentManager Contents { get; init; }
}

/// <summary>What an activity's options are checked against when a workflow type is saved.</summary>
public sealed class WorkflowValidationContext
{
    private readonly List<(string Path, string Message)> _problems = [];

    /// <summary>The content types the workflow's items can be of (from its start events), empty when any or none.</summary>
    public required IReadOnlyList<string> ContentTypes { get; init; }

    /// <summary>Finds a content type as the zone will have it (in a recipe: as its earlier steps declare it).</summary>
    public required Func<string, CancellationToken, Task<ContentTypeInfo?>> FindContentTypeAsync { get; init; }

    /// <summary>The signals the zone's enabled modules raise.</summary>
    public required IReadOnlyList<WorkflowSignalDescriptor> Signals { get; init; }

    /// <summary>Whether this activity starts instances (some options are only valid, or needed, then).</summary>
    public bool IsStart { get; init; }

    public required IServiceProvider Services { get; init; }

    public IReadOnlyList<(string Path, string Message)> Problems => _problems;

    /// <summary>A problem with one option, e.g. <c>("condition.field", "Il campo «Scadenza» non esiste nel tipo «Avviso».")</c>.</summary>
    public void Add(string path, string message) => _problems.Add((path, message));
}

/// <summary>
/// A kind of activity a module offers to workflow types. Implement it through <see cref="WorkflowActivity{TOptions}"/>
/// and register it with <c>services.AddWorkflowActivity&lt;T&gt;()</c>; it is offered only in zones that enable
/// <see cref="ModuleId"/>, and a workflow type using it elsewhere is refused.
/// </summary>
public interface IWorkflowActivity
{
    /// <summary>Stable name stored in workflow types, e.g. <c>SendEmail</c>.</summary>
    string Name { get; }

    string ModuleId { get; }

    /// <summary>Italian name shown in the editor.</summary>
    string DisplayName { get; }

    string Description { get; }

    WorkflowActivityKind Kind { get; }

    /// <summary>
    /// For events: the trigger name that starts or resumes it with these options (e.g. <c>content.published</c>, or a
    /// signal's name); null for timers and tasks. Instances waiting at the activity are found by it.
    /// </summary>
    string? EventNameOf(object options);

    /// <summary>Whether the activity can start an instance (an event that is not a timer relative to an item).</summary>
    bool CanStart { get; }

    /// <summary>The type of the options record (its JSON schema is the activity's schema).</summary>
    Type OptionsType { get; }

    /// <summary>Reads options from stored JSON (throws <see cref="JsonException"/> on bad input).</summary>
    object ReadOptions(JsonObject? options);

    /// <summary>For events about items: the content types it is limited to; empty when any (or when not about items).</summary>
    IReadOnlyList<string> ContentTypesOf(object options);

    IReadOnlyList<WorkflowOutcome> Outcomes(object options);

    Task ValidateAsync(object options, WorkflowValidationContext context, CancellationToken cancellationToken);

    /// <summary>For events: whether <paramref name="trigger"/> is one this activity (with these options) waits for.</summary>
    bool Matches(object options, WorkflowTrigger trigger);

    Task<ActivityResult> ExecuteAsync(object options, WorkflowExecutionContext context, CancellationToken cancellationToken);
}

/// <summary>Base of activities with a typed options record.</summary>
public abstract class WorkflowActivity<TOptions> : IWorkflowActivity
    where TOptions : class
{
    /// <summary>Options are camelCase JSON, strict: an unknown option is an error.</summary>
    public static readonly JsonSerializerOptions OptionsJson = CreateOptionsJson();

    public abstract string Name { get; }

    public abstract string ModuleId { get; }

    public abstract string DisplayName { get; }

    public virtual string Description => "";

    public abstract WorkflowActivityKind Kind { get; }

    /// <summary>The trigger name of the event, when it does not depend on the options.</summary>
    public virtual string? EventName => null;

    public virtual bool CanStart => Kind == WorkflowActivityKind.Event;

    public Type OptionsType => typeof(TOptions);

    public object ReadOptions(JsonObject? options) =>
        (options ?? []).Deserialize<TOptions>(OptionsJson) ?? throw new JsonException("The options are empty.");

    IReadOnlyList<WorkflowOutcome> IWorkflowActivity.Outcomes(object options) => Outcomes((TOptions)options);

    Task IWorkflowActivity.ValidateAsync(object options, WorkflowValidationContext context, CancellationToken cancellationToken) =>
        ValidateAsync((TOptions)options, context, cancellationToken);

    bool IWorkflowActivity.Matches(object options, WorkflowTrigger trigger) => Matches((TOptions)options, trigger);

    string? IWorkflowActivity.EventNameOf(object options) => EventNameOf((TOptions)options);

    IReadOnlyList<string> IWorkflowActivity.ContentTypesOf(object options) => ContentTypesOf((TOptions)options);

    /// <summary>Events about items: the content types they are limited to (default: any).</summary>
    protected virtual IReadOnlyList<string> ContentTypesOf(TOptions options) => [];

    Task<ActivityResult> IWorkflowActivity.ExecuteAsync(object options, WorkflowExecutionContext context, CancellationToken cancellationToken) =>
        ExecuteAsync((TOptions)options, context, cancellationToken);

    /// <summary>Default: one outcome, <c>done</c> («Fatto»).</summary>
    protected virtual IReadOnlyList<WorkflowOutcome> Outcomes(TOptions options) => [WorkflowOutcomes.Done];

    protected virtual Task ValidateAsync(TOptions options, WorkflowValidationContext context, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Events: the trigger name, by default <see cref="EventName"/>.</summary>
    protected virtual string? EventNameOf(TOptions options) => EventName;

    /// <summary>Events: default, any trigger with the activity's event name.</summary>
    protected virtual bool Matches(TOptions options, WorkflowTrigger trigger) => trigger.EventName == EventNameOf(options);

    /// <summary>
    /// Tasks do their work here. Events are asked when the instance reaches them (not when they start it): the
    /// default waits for the event; when resumed by it (<see cref="WorkflowExecutionContext.Resumed"/>) the default
    /// leaves by <c>done</c>.
    /// </summary>
    protected virtual Task<ActivityResult> ExecuteAsync(TOptions options, WorkflowExecutionContext context, CancellationToken cancellationToken) =>
        Task.FromResult(context.Resumed is null && Kind == WorkflowActivityKind.Event ? ActivityResult.Wait() : ActivityResult.Done(WorkflowOutcomes.Done.Name));

    private static JsonSerializerOptions CreateOptionsJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
        };
        options.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}

public static class WorkflowOutcomes
{
    public static readonly WorkflowOutcome Done = new("done", "Fatto");
}

/// <summary>
/// Raises a module's signal in the current zone (scoped), e.g. "domanda ricevuta": workflows waiting for it,
/// correlated to <c>correlationId</c>, resume, and those that start with it start. Part of the scope's zone
/// transaction when one is open, so a rolled-back change raises nothing.
/// </summary>
public interface IWorkflowSignals
{
    Task RaiseAsync<TSignal>(TSignal signal, string? correlationId = null, CancellationToken cancellationToken = default)
        where TSignal : class;
}

/// <summary>A signal a module raises: its stable name, module, Italian name and payload type.</summary>
public sealed record WorkflowSignalDescriptor(string Name, string ModuleId, string DisplayName, Type PayloadType);

/// <summary>
/// Content events for workflows, raised by the platform's content operations: the trigger names that
/// <see cref="WorkflowTrigger.EventName"/> takes for them.
/// </summary>
public static class WorkflowContentEvents
{
    public const string Created = "content.created";
    public const string Updated = "content.updated";
    public const string Published = "content.published";
    public const string Unpublished = "content.unpublished";
    public const string Removed = "content.removed";
}
