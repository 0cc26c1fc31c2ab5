using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using ZonaWelfare.Abstractions.Data;
using ZonaWelfare.Abstractions.Jobs;
using ZonaWelfare.Modules.Workflows.Activities;
using ZonaWelfare.Modules.Workflows.Data;
using ZonaWelfare.Modules.Workflows.Models;

namespace ZonaWelfare.Modules.Workflows.Services;

/// <summary>
/// Saves and reads workflow types. Saving a changed type writes a new version (the old ones stay, with the instances
/// that run on them), refreshes the events that start it and schedules its start timers; saving it unchanged does
/// nothing (a recipe applied twice changes nothing).
/// </summary>
internal sealed class WorkflowTypeStore(
    WorkflowsDbContext db,
    IZoneDatabase database,
    WorkflowActivityCatalog catalog,
    IZoneJobQueue jobs,
    TimeProvider clock)
{
    /// <summary>How definitions are stored: camelCase, without nulls (so the stored text of an unchanged type is the same).</summary>
    public static readonly JsonSerializerOptions StoreJson = CreateJson();

    private readonly Dictionary<(string, int), WorkflowTypeDefinition> _versions = [];

    public async Task<IReadOnlyList<(WorkflowTypeRecord Type, WorkflowTypeDefinition Definition)>> ListAsync(CancellationToken cancellationToken)
    {
        var types = await db.Types.AsNoTracking().OrderBy(t => t.DisplayName).ToListAsync(cancellationToken);
        var result = new List<(WorkflowTypeRecord, WorkflowTypeDefinition)>();
        foreach (var type in types)
        {
            result.Add((type, (await GetVersionAsync(type.Name, type.CurrentVersion, cancellationToken))!));
        }

        return result;
    }

    public async Task<(WorkflowTypeRecord Type, WorkflowTypeDefinition Definition)?> GetAsync(string name, CancellationToken cancellationToken)
    {
        var type = await db.Types.AsNoTracking().FirstOrDefaultAsync(t => t.Name == name, cancellationToken);
        return type is null ? null : (type, (await GetVersionAsync(name, type.CurrentVersion, cancellationToken))!);
    }

    public async Task<WorkflowTypeDefinition?> GetVersionAsync(string name, int version, CancellationToken cancellationToken)
    {
        if (_versions.TryGetValue((name, version), out var cached))
        {
            return cached;
        }

        var json = await db.TypeVersions.AsNoTracking().Where(v => v.TypeName == name && v.Version == version).Select(v => v.Definition).FirstOrDefaultAsync(cancellationToken);
        if (json is null)
        {
            return null;
        }

        var definition = JsonSerializer.Deserialize<WorkflowTypeDefinition>(json, StoreJson)!;
        _versions[(name, version)] = definition;
        return definition;
    }

    /// <summary>Saves a validated type (in the scope's transaction, or one of its own); returns its version, and whether it changed.</summary>
    public async Task<(int Version, bool Changed)> SaveAsync(WorkflowTypeDefinition definition, string? userName, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.Serialize(definition, StoreJson);
        var own = database.CurrentTransaction is null ? await database.BeginTransactionAsync(cancellationToken) : null;
        await using (own)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var type = await db.Types.FirstOrDefaultAsync(t => t.Name == definition.Name, cancellationToken);
            if (type is not null)
            {
                var current = await db.TypeVersions.AsNoTracking().Where(v => v.TypeName == type.Name && v.Version == type.CurrentVersion).Select(v => v.Definition).FirstAsync(cancellationToken);
                if (current == json)
                {
                    return (type.CurrentVersion, false);
                }
            }
            else
            {
                type = new WorkflowTypeRecord { Name = definition.Name, DisplayName = definition.DisplayName };
                db.Types.Add(type);
            }

            type.CurrentVersion++;
            type.DisplayName = definition.DisplayName;
            type.Enabled = definition.Enabled;
            type.UpdatedUtc = now;
            type.Revision++;
            db.TypeVersions.Add(new WorkflowTypeVersionRecord { TypeName = definition.Name, Version = type.CurrentVersion, Definition = json, CreatedUtc = now, CreatedBy = userName });

            await db.StartEvents.Where(s => s.TypeName == definition.Name).ExecuteDeleteAsync(cancellationToken);
            await db.Timers.Where(t => t.TypeName == definition.Name && t.InstanceId == null && t.FiredUtc == null).ExecuteDeleteAsync(cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            if (definition.Enabled)
            {
                await ScheduleStartsAsync(definition, type.CurrentVersion, cancellationToken);
            }

            await db.SaveChangesAsync(cancellationToken);
            if (own is not null)
            {
                await own.CommitAsync(cancellationToken);
            }

            _versions[(definition.Name, type.CurrentVersion)] = definition;
            return (type.CurrentVersion, true);
        }
    }

    /// <summary>The start events of a version (rows), and a timer for each of its start timers.</summary>
    private async Task ScheduleStartsAsync(WorkflowTypeDefinition definition, int version, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var start in definition.Activities.Where(a => a.Start))
        {
            var activity = catalog.Find(start.Activity)!;
            var options = activity.ReadOptions(start.Options);
            if (activity is TimerActivity)
            {
                if (TimerActivity.Due((TimerOptions)options, now, null) is { } due && (due > now || ((TimerOptions)options).At is not null))
                {
                    await ScheduleTimerAsync(new WorkflowTimerRecord { Id = NewId(), TypeName = definition.Name, TypeVersion = version, ActivityId = start.Id, DueUtc = due.UtcDateTime, CreatedUtc = now.UtcDateTime }, cancellationToken);
                }
            }
            else if (activity.EventNameOf(options) is { } name && names.Add(name))
            {
                db.StartEvents.Add(new WorkflowStartEventRecord { EventName = name, TypeName = definition.Name });
            }
        }
    }

    /// <summary>Writes a timer and its delayed zone job, both in the current transaction.</summary>
    public async Task ScheduleTimerAsync(WorkflowTimerRecord timer, CancellationToken cancellationToken)
    {
        db.Timers.Add(timer);
        await db.SaveChangesAsync(cancellationToken);
        var delay = timer.DueUtc - clock.GetUtcNow().UtcDateTime;
        await jobs.EnqueueAsync(
            new WorkflowTimerJob(timer.Id),
            new ZoneJobOptions { Delay = delay > TimeSpan.Zero ? delay : TimeSpan.Zero, Description = $"Timer del flusso «{timer.TypeName ?? timer.InstanceId}» ({timer.ActivityId})" },
            cancellationToken);
    }

    public static string NewId() => Guid.NewGuid().ToString("N");

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
