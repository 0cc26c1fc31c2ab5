using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ZonaWelfare.Abstractions.Contents;
using ZonaWelfare.Abstractions.Data;
using ZonaWelfare.Abstractions.Workflows;
using ZonaWelfare.Modules.Workflows.Data;
using ZonaWelfare.Testing;

namespace ZonaWelfare.Modules.Workflows.Tests;

/// <summary>A module's signal with a typed payload: it starts instances and resumes those waiting for it on the same item; a rolled-back one does nothing.</summary>
public abstract class WorkflowSignalTests(StorageKind kind) : IAsyncLifetime
{
    public sealed record DomandaRicevuta(string Ente, decimal Importo);

    private TestStore _store = null!;
    private TestPlatform _platform = null!;

    private const string Types = """
        {
          "name": "Domanda",
          "displayName": "Domanda ricevuta",
          "activities": [
            { "id": "ricevuta", "activity": "Signal", "start": true, "options": { "signal": "prova.domanda-ricevuta", "contentTypes": [ "Avviso" ] } },
            { "id": "segna", "activity": "SetField", "options": { "field": "Stato", "value": "domanda ricevuta" } }
          ],
          "transitions": [ { "from": "ricevuta", "outcome": "done", "to": "segna" } ]
        },
        {
          "name": "AttesaDomanda",
          "displayName": "In attesa della domanda",
          "activities": [
            { "id": "creato", "activity": "ContentCreated", "start": true, "options": { "contentTypes": [ "Avviso" ] } },
            { "id": "attende", "activity": "Signal", "options": { "signal": "prova.domanda-ricevuta" } },
            { "id": "nota", "activity": "Audit", "options": { "message": "Domanda arrivata per {titolo}" } }
          ],
          "transitions": [ { "from": "creato", "outcome": "done", "to": "attende" }, { "from": "attende", "outcome": "done", "to": "nota" } ]
        }
        """;

    public async Task InitializeAsync()
    {
        _store = await TestStore.CreateAsync(kind);
        _platform = await WorkflowsTestZone.StartAsync(_store, configure: services => services.AddWorkflowSignal<DomandaRicevuta>("workflows", "prova.domanda-ricevuta", "Domanda ricevuta (prova)"));
        await _platform.Zones.CreateAsync(WorkflowsTestZone.Slug, TestPlatform.Recipe(WorkflowsTestZone.Recipe(Types)), "test");
    }

    public async Task DisposeAsync()
    {
        await _platform.DisposeAsync();
        await _store.DisposeAsync();
    }

    [Fact]
    public async Task A_signal_starts_instances_with_its_payload_and_resumes_the_ones_waiting_on_its_item_only_when_committed()
    {
        var avviso = await _platform.CreateAvvisoAsync("Avviso con domande", publish: false);
        var altro = await _platform.CreateAvvisoAsync("Altro avviso", publish: false);
        await WorkflowsTestZone.EventuallyAsync(async () => (await _platform.InstancesAsync("AttesaDomanda")).Count(i => i.Status == WorkflowStatus.Waiting) == 2, "two waiting instances");

        await using (var scope = await _platform.ScopeAsync())
        {
            var signals = scope.ServiceProvider.GetRequiredService<IWorkflowSignals>();
            await using (var rolledBack = await scope.ServiceProvider.GetRequiredService<IZoneDatabase>().BeginTransactionAsync())
            {
                await signals.RaiseAsync(new DomandaRicevuta("Rolled back", 1), avviso.ContentItemId);
            }

            await using var transaction = await scope.ServiceProvider.GetRequiredService<IZoneDatabase>().BeginTransactionAsync();
            await signals.RaiseAsync(new DomandaRicevuta("Cooperativa Il Faro", 1200.50m), avviso.ContentItemId);
            await transaction.CommitAsync();
        }

        await WorkflowsTestZone.EventuallyAsync(async () => (await _platform.InstancesAsync("Domanda")).Any(i => i.Status == WorkflowStatus.Finished), "the started instance");
        var started = Assert.Single(await _platform.InstancesAsync("Domanda"));
        Assert.Equal(avviso.ContentItemId, started.CorrelationId);
        Assert.Equal(("Cooperativa Il Faro", 1200.50m), (JsonNode.Parse(started.Input)!["ente"]!.GetValue<string>(), JsonNode.Parse(started.Input)!["importo"]!.GetValue<decimal>()));
        await using (var scope = await _platform.ScopeAsync())
        {
            var item = await scope.ServiceProvider.GetRequiredService<IContentManager>().GetAsync(avviso.ContentItemId, VersionOptions.Latest);
            Assert.Equal("domanda ricevuta", item!.Field("Stato")!.GetValue<string>());
        }

        await WorkflowsTestZone.EventuallyAsync(async () => (await _platform.InstancesAsync("AttesaDomanda")).Single(i => i.CorrelationId == avviso.ContentItemId).Status == WorkflowStatus.Finished, "the waiting instance to resume");
        Assert.Equal(WorkflowStatus.Waiting, (await _platform.InstancesAsync("AttesaDomanda")).Single(i => i.CorrelationId == altro.ContentItemId).Status);
    }
}

public sealed class SqliteWorkflowSignalTests() : WorkflowSignalTests(StorageKind.Sqlite);

public sealed class PostgresWorkflowSignalTests() : WorkflowSignalTests(StorageKind.Postgres);
