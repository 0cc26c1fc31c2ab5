using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using ZonaWelfare.Abstractions.Contents;
using ZonaWelfare.Abstractions.Data;
using ZonaWelfare.Abstractions.Workflows;
using ZonaWelfare.Abstractions.Zones;
using ZonaWelfare.Modules.Workflows.Activities;
using ZonaWelfare.Modules.Workflows.Data;
using ZonaWelfare.Modules.Workflows.Models;

namespace ZonaWelfare.Modules.Workflows.Services;

/// <summary>
/// Starts and advances instances. Each unit of work (one instance started or resumed by one trigger, one timer
/// fired) runs in its own zone transaction with everything its activities do (content changes, e-mail jobs, audit),
/// and with a marker of the job that caused it: a job run again does nothing twice. An activity that fails rolls the
/// unit back; the instance is then recorded as faulted where the unit began, to be retried or cancelled.
/// </summary>
internal sealed class WorkflowRunner(
    WorkflowsDbContext db,
    IZoneDatabase database,
    IZoneContext zoneContext,
    WorkflowTypeStore types,
    WorkflowActivityCatalog catalog,
    IContentManager contents,
    WorkflowRunContext runContext,
    IServiceProvider services,
    TimeProvider clock)
{
    /// <summary>Steps one run may take before the instance is stopped as a loop.</summary>
    public const int MaxStepsPerRun = 200;

    /// <summary>Starts the types that start on <paramref name="trigger"/> and resumes the instances waiting for it.</summary>
    public async Task<int> TriggerAsync(WorkflowTrigger trigger, string jobId, string? originType, string? originInstance, CancellationToken cancellationToken)
    {
        var units = 0;
        var enabled = zoneContext.Current.EnabledModules;
        var startTypes = await db.StartEvents.AsNoTracking().Where(s => s.EventName == trigger.EventName).Select(s => s.TypeName).ToListAsync(cancellationToken);
        foreach (var typeName in startTypes.Where(t => t != originType))
        {
            if (await types.GetAsync(typeName, cancellationToken) is not { } found || !found.Type.Enabled)
            {
                continue;
            }

            foreach (var start in found.Definition.Activities.Where(a => a.Start))
            {
                if (catalog.Find(start.Activity) is { } activity && enabled.Contains(activity.ModuleId)
                    && activity.EventNameOf(activity.ReadOptions(start.Options)) == trigger.EventName
                    && activity.Matches(activity.ReadOptions(start.Options), trigger))
                {
                    units++;
                    await RunUnitAsync($"{jobId}:s:{typeName}:{start.Id}", null, null, async () =>
                        await StartInstanceAsync(found.Type.Name, found.Type.CurrentVersion, found.Definition, start.Id, trigger, cancellationToken), cancellationToken);
                    break;
                }
            }
        }

        var correlation = trigger.CorrelationId;
        var bookmarks = await db.Bookmarks.AsNoTracking()
            .Where(b => b.EventName == trigger.EventName && (b.CorrelationId == null || b.CorrelationId == correlation))
            .OrderBy(b => b.InstanceId)
            .ToListAsync(cancellationToken);
        foreach (var bookmark in bookmarks.Where(b => b.InstanceId != originInstance))
        {
            units++;
            await RunUnitAsync($"{jobId}:r:{bookmark.InstanceId}:{bookmark.ActivityId}", bookmark.InstanceId, null, async () =>
                await ResumeAsync(bookmark.InstanceId, bookmark.ActivityId, trigger, requireMatch: true, cancellationToken), cancellationToken);
        }

        return units;
    }

    /// <summary>Starts an instance of <paramref name="typeName"/> from its manual start (an editor, from the admin).</summary>
    public async Task<string> StartManuallyAsync(string typeName, string? contentItemId, string? userName, CancellationToken cancellationToken)
    {
        var found = await types.GetAsync(typeName, cancellationToken) ?? throw new WorkflowException($"Il flusso «{typeName}» non esiste.");
        var start = found.Definition.Activities.FirstOrDefault(a => a.Start && a.Activity == "ManualStart")
            ?? throw new WorkflowException($"Il flusso «{found.Type.DisplayName}» non si avvia a mano: non ha un'attività «Avvio manuale».");
        var allowed = ((ManualStartOptions)catalog.Find(start.Activity)!.ReadOptions(start.Options)).ContentTypes ?? [];
        ContentItem? item = null;
        if (contentItemId is not null)
        {
            item = await contents.GetAsync(contentItemId, VersionOptions.Latest, cancellationToken)
                ?? throw new WorkflowException($"Il contenuto «{contentItemId}» non esiste.");
            if (allowed.Count > 0 && !allowed.Contains(item.ContentType, StringComparer.Ordinal))
            {
                throw new WorkflowException($"Il flusso «{found.Type.DisplayName}» si avvia solo su contenuti di tipo {string.Join(", ", allowed)}.");
            }
        }
        else if (allowed.Count > 0)
        {
            throw new WorkflowException($"Il flusso «{found.Type.DisplayName}» si avvia su un contenuto: indicarne uno ({string.Join(", ", allowed)}).");
        }

        var input = new JsonObject { ["userName"] = userName };
        if (item is not null)
        {
            input["contentItemId"] = item.ContentItemId;
            input["contentType"] = item.ContentType;
            input["displayText"] = item.DisplayText;
        }

        var trigger = new WorkflowTrigger(ManualStartActivity.Event, item?.ContentItemId, input) { ContentType = item?.ContentType };
        return await RunUnitAsync(null, null, null, async () => await StartInstanceAsync(found.Type.Name, found.Type.CurrentVersion, found.Definition, start.Id, trigger, cancellationToken), cancellationToken)
            ?? throw new WorkflowException("Il flusso non è stato avviato.");
    }

    /// <summary>Fires a timer once: claims it, then resumes its instance (or starts one, for a start timer).</summary>
    public async Task FireTimerAsync(string timerId, string jobId, CancellationToken cancellationToken)
    {
        var timer = await db.Timers.AsNoTracking().FirstOrDefaultAsync(t => t.Id == timerId, cancellationToken);
        if (timer is null || timer.FiredUtc is not null)
        {
            return;
        }

        var trigger = new WorkflowTrigger(TimerActivity.TimerEvent, null, new JsonObject { ["timerId"] = timerId, ["dueUtc"] = timer.DueUtc });
        await RunUnitAsync($"{jobId}:t", timer.InstanceId, timerId, async () =>
        {
            if (!await ClaimTimerAsync(timerId, cancellationToken))
            {
                return;
            }

            if (timer.InstanceId is { } instanceId)
            {
                await ResumeAsync(instanceId, timer.ActivityId, trigger with { CorrelationId = null }, requireMatch: false, cancellationToken);
                return;
            }

            // A start timer of a type: start one instance, and schedule the next occurrence of a cron schedule.
            if (await types.GetAsync(timer.TypeName!, cancellationToken) is not { } found || !found.Type.Enabled || found.Type.CurrentVersion != timer.TypeVersion)
            {
                return;
            }

            var start = found.Definition.Activities.First(a => a.Id == timer.ActivityId);
            await StartInstanceAsync(found.Type.Name, found.Type.CurrentVersion, found.Definition, start.Id, trigger, cancellationToken);
            var options = (TimerOptions)catalog.Find(start.Activity)!.ReadOptions(start.Options);
            if (options.Cron is not null && TimerActivity.Due(options, new DateTimeOffset(timer.DueUtc, TimeSpan.Zero), null) is { } next)
            {
                await types.ScheduleTimerAsync(new WorkflowTimerRecord { Id = WorkflowTypeStore.NewId(), TypeName = found.Type.Name, TypeVersion = found.Type.CurrentVersion, ActivityId = start.Id, DueUtc = next.UtcDateTime, CreatedUtc = clock.GetUtcNow().UtcDateTime }, cancellationToken);
            }
        }, cancellationToken);
    }

    /// <summary>Runs a faulted instance again from where its failed run began.</summary>
    public async Task RetryAsync(string instanceId, CancellationToken cancellationToken)
    {
        await RunUnitAsync(null, instanceId, null, async () =>
        {
            var instance = await db.Instances.FirstOrDefaultAsync(i => i.Id == instanceId, cancellationToken) ?? throw new WorkflowException("L'istanza non esiste.");
            if (instance.Status != WorkflowStatus.Faulted)
            {
                throw new WorkflowException("Solo un'istanza in errore si può riprovare.");
            }

            var definition = await types.GetVersionAsync(instance.TypeName, instance.Version, cancellationToken) ?? throw new WorkflowException("La versione del flusso non esiste più.");
            var state = InstanceState.Read(instance.State);
            var pending = state.Pending.ToList();
            state.Pending.Clear();
            instance.Fault = null;
            AddHistory(instance, state, "", "", "retry", "Nuovo tentativo dopo l'errore.", null);
            await AdvanceAsync(instance, definition, state, pending, cancellationToken);
        }, cancellationToken);
    }

    /// <summary>Cancels an instance that has not ended: it stops waiting, its timers never fire.</summary>
    public async Task CancelAsync(string instanceId, string? userName, CancellationToken cancellationToken)
    {
        await RunUnitAsync(null, null, null, async () =>
        {
            var instance = await db.Instances.FirstOrDefaultAsync(i => i.Id == instanceId, cancellationToken) ?? throw new WorkflowException("L'istanza non esiste.");
            if (instance.Status is WorkflowStatus.Finished or WorkflowStatus.Cancelled)
            {
                throw new WorkflowException("L'istanza è già conclusa.");
            }

            var state = InstanceState.Read(instance.State);
            await EndAsync(instance, state, WorkflowStatus.Cancelled, userName is null ? "Annullata." : $"Annullata da {userName}.", cancellationToken);
        }, cancellationToken);
    }

    private async Task<bool> ClaimTimerAsync(string timerId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.Timers.Where(t => t.Id == timerId && t.FiredUtc == null).ExecuteUpdateAsync(s => s.SetProperty(t => t.FiredUtc, now), cancellationToken) == 1;
    }

    private async Task<string> StartInstanceAsync(string typeName, int version, WorkflowTypeDefinition definition, string startId, WorkflowTrigger trigger, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (definition.Singleton && trigger.CorrelationId is { } correlation)
        {
            var running = await db.Instances.Where(i => i.TypeName == typeName && i.CorrelationId == correlation && (i.Status == WorkflowStatus.Waiting || i.Status == WorkflowStatus.Faulted)).ToListAsync(cancellationToken);
            foreach (var previous in running)
            {
                await EndAsync(previous, InstanceState.Read(previous.State), WorkflowStatus.Cancelled, "Sostituita da una nuova istanza sullo stesso contenuto.", cancellationToken);
            }
        }

        var instance = new WorkflowInstanceRecord
        {
            Id = WorkflowTypeStore.NewId(),
            TypeName = typeName,
            Version = version,
            Status = WorkflowStatus.Waiting,
            CorrelationId = trigger.CorrelationId,
            Input = trigger.Input.ToJsonString(),
            State = "{}",
            CreatedUtc = now,
            UpdatedUtc = now,
        };
        db.Instances.Add(instance);
        await AdvanceAsync(instance, definition, new InstanceState(), [new PendingStep(startId, StoredTrigger.From(trigger))], cancellationToken);
        return instance.Id;
    }

    private async Task ResumeAsync(string instanceId, string activityId, WorkflowTrigger trigger, bool requireMatch, CancellationToken cancellationToken)
    {
        var instance = await db.Instances.FirstOrDefaultAsync(i => i.Id == instanceId, cancellationToken);
        if (instance is null || instance.Status != WorkflowStatus.Waiting)
        {
            return;
        }

        var state = InstanceState.Read(instance.State);
        if (!state.Waiting.Contains(activityId))
        {
            return;
        }

        var definition = await types.GetVersionAsync(instance.TypeName, instance.Version, cancellationToken) ?? throw new WorkflowException($"La versione {instance.Version} del flusso «{instance.TypeName}» non esiste più.");
        var activityDefinition = definition.Activities.First(a => a.Id == activityId);
        if (requireMatch && catalog.Find(activityDefinition.Activity) is { } activity && !activity.Matches(activity.ReadOptions(activityDefinition.Options), trigger))
        {
            return;
        }

        state.Waiting.Remove(activityId);
        await db.Bookmarks.Where(b => b.InstanceId == instanceId && b.ActivityId == activityId).ExecuteDeleteAsync(cancellationToken);
        await AdvanceAsync(instance, definition, state, [new PendingStep(activityId, StoredTrigger.From(trigger))], cancellationToken);
    }

    /// <summary>Runs steps until every branch waits or ends, then saves the instance.</summary>
    private async Task AdvanceAsync(WorkflowInstanceRecord instance, WorkflowTypeDefinition definition, InstanceState state, List<PendingStep> steps, CancellationToken cancellationToken)
    {
        var initial = state.Copy();
        initial.Pending = steps.ToList();
        runContext.Enter(instance.TypeName, instance.Version, instance.Id, initial, steps.ToList());
        var queue = new Queue<PendingStep>(steps);
        var input = JsonNode.Parse(instance.Input)!.AsObject();
        var count = 0;
        var enabled = zoneContext.Current.EnabledModules;
        while (queue.TryDequeue(out var step))
        {
            if (++count > MaxStepsPerRun)
            {
                throw new WorkflowException($"Il flusso ha superato {MaxStepsPerRun} passi in un solo avanzamento: probabilmente un ciclo.", step.ActivityId);
            }

            var definitionOf = definition.Activities.FirstOrDefault(a => a.Id == step.ActivityId) ?? throw new WorkflowException($"L'attività «{step.ActivityId}» non esiste nel flusso.", step.ActivityId);
            var activity = catalog.Find(definitionOf.Activity) ?? throw new WorkflowException($"L'attività «{definitionOf.Activity}» non è più disponibile.", step.ActivityId);
            if (!enabled.Contains(activity.ModuleId))
            {
                throw new WorkflowException($"L'attività «{activity.DisplayName}» è del modulo «{activity.ModuleId}», che la zona non ha più attivato.", step.ActivityId);
            }

            var options = activity.ReadOptions(definitionOf.Options);
            if (activity is JoinActivity)
            {
                var incoming = definition.Transitions.Where(t => t.To == step.ActivityId).Select(t => t.From).Distinct().Count();
                var arrived = state.Joins.TryGetValue(step.ActivityId, out var list) ? list : state.Joins[step.ActivityId] = [];
                if (step.From is { } from && !arrived.Contains(from))
                {
                    arrived.Add(from);
                }

                var mode = ((JoinOptions)options).Mode;
                if (mode == JoinMode.Any ? arrived.Count > 1 : arrived.Count < incoming)
                {
                    AddHistory(instance, state, step.ActivityId, activity.Name, "waiting", mode == JoinMode.Any ? "Ramo arrivato dopo il primo: si ferma qui." : $"Rami arrivati: {arrived.Count} di {incoming}.", null);
                    continue;
                }

                if (mode == JoinMode.All)
                {
                    state.Joins.Remove(step.ActivityId);
                }

                AddHistory(instance, state, step.ActivityId, activity.Name, WorkflowOutcomes.Done.Name, null, null);
                Follow(definition, step.ActivityId, [WorkflowOutcomes.Done.Name], queue);
                continue;
            }

            var item = instance.CorrelationId is { } correlation ? await contents.GetAsync(correlation, VersionOptions.Latest, cancellationToken) : null;
            var context = new WorkflowExecutionContext
            {
                InstanceId = instance.Id,
                WorkflowTypeId = instance.TypeName,
                ActivityId = step.ActivityId,
                Item = item,
                CorrelationId = instance.CorrelationId,
                Input = input,
                Resumed = step.Trigger?.ToTrigger(),
                Properties = state.Properties,
                Services = services,
                Now = clock.GetUtcNow(),
                Contents = contents,
            };

            ActivityResult result;
            try
            {
                result = await activity.ExecuteAsync(options, context, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException and not WorkflowException and not DbUpdateConcurrencyException)
            {
                throw new WorkflowException($"«{WorkflowTypeValidator.Title(definitionOf, activity)}» non è riuscita: {ex.Message}", step.ActivityId, ex, activity.Name);
            }

            if (result.Waits)
            {
                state.Waiting.Add(step.ActivityId);
                if (result.Until is { } due)
                {
                    await types.ScheduleTimerAsync(new WorkflowTimerRecord { Id = WorkflowTypeStore.NewId(), InstanceId = instance.Id, TypeName = instance.TypeName, ActivityId = step.ActivityId, DueUtc = due.UtcDateTime, CreatedUtc = clock.GetUtcNow().UtcDateTime }, cancellationToken);
                    AddHistory(instance, state, step.ActivityId, activity.Name, "waiting", $"In attesa fino al {TimeZoneInfo.ConvertTime(due, ZoneTime.Rome):dd/MM/yyyy HH:mm}.", null);
                }
                else
                {
                    var eventName = activity.EventNameOf(options) ?? throw new WorkflowException($"«{activity.DisplayName}» attende senza dire quale evento.", step.ActivityId);
                    db.Bookmarks.Add(new WorkflowBookmarkRecord { InstanceId = instance.Id, ActivityId = step.ActivityId, EventName = eventName, CorrelationId = instance.CorrelationId });
                    AddHistory(instance, state, step.ActivityId, activity.Name, "waiting", "In attesa dell'evento.", null);
                }

                continue;
            }

            AddHistory(instance, state, step.ActivityId, activity.Name, string.Join(",", result.Outcomes), null, step.Trigger is { } trigger ? JsonSerializer.Serialize(trigger, InstanceState.Json) : null);
            Follow(definition, step.ActivityId, result.Outcomes, queue);
        }

        if (state.Waiting.Count == 0)
        {
            await EndAsync(instance, state, WorkflowStatus.Finished, null, cancellationToken);
        }
        else
        {
            instance.Status = WorkflowStatus.Waiting;
            Save(instance, state);
        }

        await db.SaveChangesAsync(cancellationToken);
        runContext.Leave();
    }

    private static void Follow(WorkflowTypeDefinition definition, string from, IReadOnlyList<string> outcomes, Queue<PendingStep> queue)
    {
        foreach (var outcome in outcomes)
        {
            foreach (var transition in definition.Transitions.Where(t => t.From == from && t.Outcome == outcome))
            {
                queue.Enqueue(new PendingStep(transition.To, null, from));
            }
        }
    }

    private async Task EndAsync(WorkflowInstanceRecord instance, InstanceState state, string status, string? message, CancellationToken cancellationToken)
    {
        instance.Status = status;
        instance.EndedUtc = clock.GetUtcNow().UtcDateTime;
        if (message is not null)
        {
            AddHistory(instance, state, "", "", status, message, null);
        }

        state.Waiting.Clear();
        state.Pending.Clear();
        Save(instance, state);
        if (db.Entry(instance).State != EntityState.Added)
        {
            await db.Bookmarks.Where(b => b.InstanceId == instance.Id).ExecuteDeleteAsync(cancellationToken);
            var now = clock.GetUtcNow().UtcDateTime;
            await db.Timers.Where(t => t.InstanceId == instance.Id && t.FiredUtc == null).ExecuteUpdateAsync(s => s.SetProperty(t => t.FiredUtc, now), cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private void Save(WorkflowInstanceRecord instance, InstanceState state)
    {
        instance.State = state.Write();
        instance.UpdatedUtc = clock.GetUtcNow().UtcDateTime;
        instance.Revision++;
    }

    private void AddHistory(WorkflowInstanceRecord instance, InstanceState state, string activityId, string activityName, string outcome, string? message, string? data) =>
        db.History.Add(new WorkflowHistoryRecord
        {
            Id = WorkflowTypeStore.NewId(),
            InstanceId = instance.Id,
            Sequence = state.Sequence++,
            Utc = clock.GetUtcNow().UtcDateTime,
            ActivityId = activityId,
            ActivityName = activityName,
            Outcome = outcome,
            Message = message,
            Data = data,
        });

    /// <summary>
    /// One unit of work in its own transaction. <paramref name="marker"/> (a job's unit) is recorded with it, and a
    /// unit already recorded is skipped. When an activity fails, the unit is rolled back and, in a new transaction, the
    /// instance is recorded as faulted as it was before the unit (with the unit's steps to retry).
    /// </summary>
    private Task<string?> RunUnitAsync(string? marker, string? instanceId, string? timerId, Func<Task> unit, CancellationToken cancellationToken) =>
        RunUnitAsync(marker, instanceId, timerId, async () =>
        {
            await unit();
            return (string?)null;
        }, cancellationToken);

    /// <returns>The instance the unit started or advanced (also when it faulted), or null when it was skipped.</returns>
    private async Task<string?> RunUnitAsync(string? marker, string? instanceId, string? timerId, Func<Task<string?>> unit, CancellationToken cancellationToken)
    {
        try
        {
            await using (var transaction = await database.BeginTransactionAsync(cancellationToken))
            {
                if (marker is not null && !await MarkAsync(marker, cancellationToken))
                {
                    return null;
                }

                var id = await unit();
                await transaction.CommitAsync(cancellationToken);
                return id ?? instanceId;
            }
        }
        catch (WorkflowException fault) when (runContext.Current is not null)
        {
            // An activity failed during a run: the unit is rolled back (the transaction was disposed uncommitted).
            var run = runContext.Current;
            runContext.Leave();
            db.ChangeTracker.Clear();
            await RecordFaultAsync(marker, run, timerId, fault, cancellationToken);
            return run.InstanceId;
        }
        finally
        {
            runContext.Leave();
            db.ChangeTracker.Clear();
        }
    }

    private async Task<bool> MarkAsync(string marker, CancellationToken cancellationToken)
    {
        if (await db.HandledJobs.AnyAsync(h => h.JobId == marker, cancellationToken))
        {
            return false;
        }

        db.HandledJobs.Add(new WorkflowHandledJobRecord { JobId = marker, HandledUtc = clock.GetUtcNow().UtcDateTime });
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    private async Task RecordFaultAsync(string? marker, WorkflowRun run, string? timerId, WorkflowException fault, CancellationToken cancellationToken)
    {
        await using var transaction = await database.BeginTransactionAsync(cancellationToken);
        if (marker is not null && !await MarkAsync(marker, cancellationToken))
        {
            return;
        }

        if (timerId is not null && !await ClaimTimerAsync(timerId, cancellationToken))
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var instance = await db.Instances.FirstOrDefaultAsync(i => i.Id == run.InstanceId, cancellationToken);
        var state = run.StateBefore;
        if (instance is null)
        {
            // The unit started this instance: it exists from now on, faulted at its start.
            var first = run.Steps[0].Trigger;
            instance = new WorkflowInstanceRecord
            {
                Id = run.InstanceId,
                TypeName = run.TypeName,
                Version = run.Version,
                Status = WorkflowStatus.Faulted,
                CorrelationId = first?.CorrelationId,
                Input = (first?.Input ?? []).ToJsonString(),
                State = "{}",
                CreatedUtc = now,
                UpdatedUtc = now,
            };
            db.Instances.Add(instance);
        }
        else
        {
            await db.Bookmarks.Where(b => b.InstanceId == instance.Id).ExecuteDeleteAsync(cancellationToken);
        }

        foreach (var step in run.Steps)
        {
            state.Waiting.Remove(step.ActivityId);
        }

        instance.Status = WorkflowStatus.Faulted;
        instance.Fault = fault.Message;
        state.Pending = run.Steps.ToList();
        AddHistory(instance, state, fault.ActivityId ?? "", fault.ActivityName ?? "", "fault", fault.Message, null);
        Save(instance, state);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}

/// <summary>A workflow's own error (a task that failed, a loop), in Italian, naming the activity.</summary>
internal sealed class WorkflowException(string message, string? activityId = null, Exception? inner = null, string? activityName = null) : Exception(message, inner)
{
    public string? ActivityId { get; } = activityId;

    public string? ActivityName { get; } = activityName;
}

/// <summary>The run in progress in this scope: lets content events raised by its tasks name their origin, and a fault find the state to keep.</summary>
internal sealed class WorkflowRunContext
{
    public WorkflowRun? Current { get; private set; }

    public void Enter(string typeName, int version, string instanceId, InstanceState stateBefore, List<PendingStep> steps) =>
        Current ??= new WorkflowRun(typeName, version, instanceId, stateBefore, steps);

    public void Leave() => Current = null;
}

internal sealed record WorkflowRun(string TypeName, int Version, string InstanceId, InstanceState StateBefore, List<PendingStep> Steps);
