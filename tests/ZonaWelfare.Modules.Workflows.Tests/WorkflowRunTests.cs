using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ZonaWelfare.Abstractions.Contents;
using ZonaWelfare.Modules.Workflows.Data;
using ZonaWelfare.Modules.Workflows.Services;
using ZonaWelfare.Testing;

namespace ZonaWelfare.Modules.Workflows.Tests;

/// <summary>
/// Workflows on real storage with the real job scheduler: content events start and resume instances, conditions
/// branch, timers fire once and keep the input, fork/join, faults roll back, and versions keep running instances.
/// </summary>
public abstract class WorkflowRunTests(StorageKind kind) : IAsyncLifetime
{
    private TestStore _store = null!;
    private TestPlatform _platform = null!;

    private const string OnPublish = """
        {
          "name": "AvvisoPubblicato",
          "displayName": "Avviso pubblicato",
          "activities": [
            { "id": "pubblicato", "activity": "ContentPublished", "start": true, "options": { "contentTypes": [ "Avviso" ] } },
            { "id": "urgente", "activity": "If", "options": { "condition": { "field": "Urgente", "operator": "isTrue" } } },
            { "id": "segna-urgente", "activity": "SetField", "options": { "field": "Stato", "value": "urgente" } },
            { "id": "segna-ordinario", "activity": "SetField", "options": { "field": "Stato", "value": "ordinario" } }
          ],
          "transitions": [
            { "from": "pubblicato", "outcome": "done", "to": "urgente" },
            { "from": "urgente", "outcome": "true", "to": "segna-urgente" },
            { "from": "urgente", "outcome": "false", "to": "segna-ordinario" }
          ]
        }
        """;

    private const string WaitThenTimer = """
        {
          "name": "Promemoria",
          "displayName": "Promemoria",
          "activities": [
            { "id": "creato", "activity": "ContentCreated", "start": true, "options": { "contentTypes": [ "Avviso" ] } },
            { "id": "rami", "activity": "Fork", "options": { "branches": [ "attesa", "modifica" ] } },
            { "id": "attesa", "activity": "Timer", "options": { "after": "PT1S" } },
            { "id": "modificato", "activity": "ContentUpdated", "options": { "contentTypes": [ "Avviso" ] } },
            { "id": "insieme", "activity": "Join" },
            { "id": "fatto", "activity": "SetField", "options": { "field": "Stato", "value": "ricordato" } }
          ],
          "transitions": [
            { "from": "creato", "outcome": "done", "to": "rami" },
            { "from": "rami", "outcome": "attesa", "to": "attesa" },
            { "from": "rami", "outcome": "modifica", "to": "modificato" },
            { "from": "attesa", "outcome": "done", "to": "insieme" },
            { "from": "modificato", "outcome": "done", "to": "insieme" },
            { "from": "insieme", "outcome": "done", "to": "fatto" }
          ]
        }
        """;

    public async Task InitializeAsync()
    {
        _store = await TestStore.CreateAsync(kind);
        _platform = await WorkflowsTestZone.StartAsync(_store);
        await _platform.Zones.CreateAsync(WorkflowsTestZone.Slug, TestPlatform.Recipe(WorkflowsTestZone.Recipe(OnPublish + "," + WaitThenTimer)), "test");
    }

    public async Task DisposeAsync()
    {
        await _platform.DisposeAsync();
        await _store.DisposeAsync();
    }

    [Fact]
    public async Task A_published_item_starts_an_instance_that_branches_on_its_fields_and_finishes()
    {
        var urgent = await _platform.CreateAvvisoAsync("Bando urgente", publish: true, item => item.SetField("Urgente", true));
        var plain = await _platform.CreateAvvisoAsync("Bando ordinario", publish: true);
        var draft = await _platform.CreateAvvisoAsync("Bozza", publish: false);

        await WorkflowsTestZone.EventuallyAsync(async () => (await _platform.InstancesAsync("AvvisoPubblicato")).Count(i => i.Status == WorkflowStatus.Finished) == 2, "two finished instances", dump: () => _platform.DumpZoneAsync(WorkflowsTestZone.Slug));
        Assert.Equal("urgente", await FieldAsync(urgent.ContentItemId, "Stato"));
        Assert.Equal("ordinario", await FieldAsync(plain.ContentItemId, "Stato"));
        Assert.Null(await FieldAsync(draft.ContentItemId, "Stato"));

        var instances = await _platform.InstancesAsync("AvvisoPubblicato");
        Assert.Equal(new[] { plain.ContentItemId, urgent.ContentItemId }.Order(), instances.Select(i => i.CorrelationId!).Order());
        var history = await _platform.HistoryAsync(instances.Single(i => i.CorrelationId == urgent.ContentItemId).Id);
        Assert.Equal(["pubblicato:done", "urgente:true", "segna-urgente:done"], history.Select(h => $"{h.ActivityId}:{h.Outcome}"));
        Assert.Equal("Bando urgente", JsonNode.Parse(instances.Single(i => i.CorrelationId == urgent.ContentItemId).Input)!["displayText"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_timer_and_an_event_on_the_same_item_join_and_the_input_survives_the_wait()
    {
        var item = await _platform.CreateAvvisoAsync("Avviso con promemoria", publish: false);
        var other = await _platform.CreateAvvisoAsync("Un altro avviso", publish: false);
        await WorkflowsTestZone.EventuallyAsync(async () => (await _platform.InstancesAsync("Promemoria")).Count == 2, "two instances");

        // Updating the other item resumes only the other instance.
        await UpdateAsync(other.ContentItemId, "Importo", 10);
        await WorkflowsTestZone.EventuallyAsync(async () => await FieldAsync(other.ContentItemId, "Stato") == "ricordato", "the other instance to finish after its timer and its update");
        Assert.Null(await FieldAsync(item.ContentItemId, "Stato"));
        var waiting = (await _platform.InstancesAsync("Promemoria")).Single(i => i.CorrelationId == item.ContentItemId);
        Assert.Equal(WorkflowStatus.Waiting, waiting.Status);

        await UpdateAsync(item.ContentItemId, "Importo", 20);
        await WorkflowsTestZone.EventuallyAsync(async () => await FieldAsync(item.ContentItemId, "Stato") == "ricordato", "the instance to finish");
        var finished = (await _platform.InstancesAsync("Promemoria")).Single(i => i.CorrelationId == item.ContentItemId);
        Assert.Equal(WorkflowStatus.Finished, finished.Status);
        Assert.Equal("Avviso con promemoria", JsonNode.Parse(finished.Input)!["displayText"]!.GetValue<string>());
        var timers = await _platform.ReadAsync(db => db.Timers.AsNoTracking().Where(t => t.InstanceId == finished.Id).ToListAsync());
        var timer = Assert.Single(timers);
        Assert.NotNull(timer.FiredUtc);
        Assert.True(timer.FiredUtc >= timer.DueUtc);
        var history = await _platform.HistoryAsync(finished.Id);
        Assert.Contains(history, h => h.ActivityId == "insieme" && h.Outcome == "done");
        Assert.Single(history, h => h.ActivityId == "fatto");
    }

    [Fact]
    public async Task A_trigger_job_run_twice_starts_one_instance()
    {
        var item = await _platform.CreateAvvisoAsync("Doppio", publish: true);
        await WorkflowsTestZone.EventuallyAsync(async () => (await _platform.InstancesAsync("AvvisoPubblicato")).Any(i => i.CorrelationId == item.ContentItemId && i.Status == WorkflowStatus.Finished), "the instance");
        var jobId = await _platform.ReadAsync(db => db.HandledJobs.AsNoTracking().Where(h => h.JobId.Contains(":s:AvvisoPubblicato:")).Select(h => h.JobId).FirstAsync());

        // The same job again (at-least-once delivery): the unit is already recorded, nothing starts.
        await using (var scope = await _platform.ScopeAsync())
        {
            var runner = scope.ServiceProvider.GetRequiredService<WorkflowRunner>();
            var trigger = new Abstractions.Workflows.WorkflowTrigger(Abstractions.Workflows.WorkflowContentEvents.Published, item.ContentItemId, new JsonObject { ["displayText"] = "Doppio" }) { ContentType = "Avviso" };
            await runner.TriggerAsync(trigger, jobId[..jobId.IndexOf(':', StringComparison.Ordinal)], null, null, CancellationToken.None);
        }

        Assert.Single(await _platform.InstancesAsync("AvvisoPubblicato"), i => i.CorrelationId == item.ContentItemId);
    }

    private async Task<string?> FieldAsync(string id, string field)
    {
        await using var scope = await _platform.ScopeAsync();
        var item = await scope.ServiceProvider.GetRequiredService<IContentManager>().GetAsync(id, VersionOptions.Latest);
        return item?.Field(field)?.GetValue<string>();
    }

    private async Task UpdateAsync(string id, string field, int value)
    {
        await using var scope = await _platform.ScopeAsync();
        var manager = scope.ServiceProvider.GetRequiredService<IContentManager>();
        var item = (await manager.GetAsync(id, VersionOptions.Latest))!;
        item.SetField(field, value);
        await manager.UpdateAsync(item);
    }
}

public sealed class SqliteWorkflowRunTests() : WorkflowRunTests(StorageKind.Sqlite);

public sealed class PostgresWorkflowRunTests() : WorkflowRunTests(StorageKind.Postgres);
