using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using ZonaWelfare.Abstractions.Contents;
using ZonaWelfare.Abstractions.Jobs;
using ZonaWelfare.Abstractions.Workflows;
using ZonaWelfare.Modules.Workflows.Activities;
using ZonaWelfare.Modules.Workflows.Data;

namespace ZonaWelfare.Modules.Workflows.Services;

/// <summary>Something happened that workflows may react to (enqueued in the transaction of the change that raised it).</summary>
internal sealed record WorkflowTriggerJob(
    string EventName,
    string? CorrelationId,
    JsonObject Input,
    string? ContentType = null,
    IReadOnlyList<string>? Parts = null,
    string? SignalName = null,
    string? OriginType = null,
    string? OriginInstance = null);

internal sealed class WorkflowTriggerJobHandler(WorkflowRunner runner) : IZoneJobHandler<WorkflowTriggerJob>
{
    public string ModuleId => WorkflowsIds.Module;

    public Task HandleAsync(WorkflowTriggerJob job, ZoneJobContext context, CancellationToken cancellationToken) =>
        runner.TriggerAsync(
            new WorkflowTrigger(job.EventName, job.CorrelationId, job.Input) { ContentType = job.ContentType, Parts = job.Parts ?? [], SignalName = job.SignalName },
            context.JobId,
            job.OriginType,
            job.OriginInstance,
            cancellationToken);
}

/// <summary>A durable timer fell due.</summary>
internal sealed record WorkflowTimerJob(string TimerId);

internal sealed class WorkflowTimerJobHandler(WorkflowRunner runner) : IZoneJobHandler<WorkflowTimerJob>
{
    public string ModuleId => WorkflowsIds.Module;

    public Task HandleAsync(WorkflowTimerJob job, ZoneJobContext context, CancellationToken cancellationToken) =>
        runner.FireTimerAsync(job.TimerId, context.JobId, cancellationToken);
}

/// <summary>
/// Turns content events into trigger jobs, in the content operation's transaction (a rolled-back change triggers
/// nothing), and only when some enabled type starts on the event or some instance waits for it.
/// </summary>
internal sealed class WorkflowContentHandler(WorkflowEventQueue queue) : IContentHandler
{
    public string ModuleId => WorkflowsIds.Module;

    public Task CreatedAsync(ContentEventContext context, CancellationToken cancellationToken) => queue.ContentAsync(WorkflowContentEvents.Created, context, cancellationToken);

    public Task UpdatedAsync(ContentEventContext context, CancellationToken cancellationToken) => queue.ContentAsync(WorkflowContentEvents.Updated, context, cancellationToken);

    public Task PublishedAsync(ContentEventContext context, CancellationToken cancellationToken) => queue.ContentAsync(WorkflowContentEvents.Published, context, cancellationToken);

    public Task UnpublishedAsync(ContentEventContext context, CancellationToken cancellationToken) => queue.ContentAsync(WorkflowContentEvents.Unpublished, context, cancellationToken);

    public Task RemovedAsync(ContentEventContext context, CancellationToken cancellationToken) => queue.ContentAsync(WorkflowContentEvents.Removed, context, cancellationToken);
}

/// <summary>Enqueues trigger jobs for content events and signals.</summary>
internal sealed class WorkflowEventQueue(WorkflowsDbContext db, IZoneJobQueue jobs, IContentMetadata metadata, WorkflowRunContext run, IEnumerable<WorkflowSignalDescriptor> signals) : IWorkflowSignals
{
    public async Task ContentAsync(string eventName, ContentEventContext context, CancellationToken cancellationToken)
    {
        var item = context.Item;
        if (!await AnyoneListensAsync(eventName, item.ContentItemId, cancellationToken))
        {
            return;
        }

        var type = await metadata.GetTypeAsync(item.ContentType, cancellationToken);
        var input = new JsonObject
        {
            ["contentItemId"] = item.ContentItemId,
            ["contentItemVersionId"] = item.ContentItemVersionId,
            ["contentType"] = item.ContentType,
            ["displayText"] = item.DisplayText,
            ["userName"] = context.UserName,
        };
        await EnqueueAsync(new WorkflowTriggerJob(eventName, item.ContentItemId, input, item.ContentType, type?.Parts ?? [], null, run.Current?.TypeName, run.Current?.InstanceId), $"Flussi: «{item.DisplayText}» ({eventName})", cancellationToken);
    }

    public async Task RaiseAsync<TSignal>(TSignal signal, string? correlationId = null, CancellationToken cancellationToken = default)
        where TSignal : class
    {
        ArgumentNullException.ThrowIfNull(signal);
        var descriptor = signals.FirstOrDefault(s => s.PayloadType == typeof(TSignal))
            ?? throw new InvalidOperationException($"No workflow signal is declared for {typeof(TSignal).FullName}: declare it with services.AddWorkflowSignal<{typeof(TSignal).Name}>(moduleId, name, displayName).");
        var eventName = SignalActivity.Prefix + descriptor.Name;
        if (!await AnyoneListensAsync(eventName, correlationId, cancellationToken))
        {
            return;
        }

        var input = System.Text.Json.JsonSerializer.SerializeToNode(signal, WorkflowActivity<object>.OptionsJson)!.AsObject();
        await EnqueueAsync(new WorkflowTriggerJob(eventName, correlationId, input, null, null, descriptor.Name, run.Current?.TypeName, run.Current?.InstanceId), $"Flussi: segnale «{descriptor.DisplayName}»", cancellationToken);
    }

    private async Task<bool> AnyoneListensAsync(string eventName, string? correlationId, CancellationToken cancellationToken) =>
        await db.StartEvents.AnyAsync(s => s.EventName == eventName, cancellationToken)
        || await db.Bookmarks.AnyAsync(b => b.EventName == eventName && (b.CorrelationId == null || b.CorrelationId == correlationId), cancellationToken);

    private Task<string> EnqueueAsync(WorkflowTriggerJob job, string description, CancellationToken cancellationToken) =>
        jobs.EnqueueAsync(job, new ZoneJobOptions { Description = description }, cancellationToken);
}
