using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ZonaWelfare.Abstractions.Recipes;
using ZonaWelfare.Modules.Workflows.Data;
using ZonaWelfare.Modules.Workflows.Services;
using ZonaWelfare.Testing;

namespace ZonaWelfare.Modules.Workflows.Tests;

/// <summary>
/// The <c>workflows</c> recipe step: typed errors with their path, step and line (Italian, naming the activity),
/// nothing written on error, idempotent, versioned (a running instance stays on its version), exported.
/// </summary>
public abstract class WorkflowRecipeTests(StorageKind kind) : IAsyncLifetime
{
    private TestStore _store = null!;
    private TestPlatform _platform = null!;

    public async Task InitializeAsync()
    {
        _store = await TestStore.CreateAsync(kind);
        _platform = await WorkflowsTestZone.StartAsync(_store, runJobs: false);
    }

    public async Task DisposeAsync()
    {
        await _platform.DisposeAsync();
        await _store.DisposeAsync();
    }

    private static string Type(string name, string activities, string transitions = "") => $$"""
        { "name": "{{name}}", "displayName": "Flusso {{name}}", "activities": [ {{activities}} ], "transitions": [ {{transitions}} ] }
        """;

    private const string Start = """{ "id": "pubblicato", "activity": "ContentPublished", "start": true, "options": { "contentTypes": [ "Avviso" ] } }""";

    public static TheoryData<string, string, string> BadTypes => new()
    {
        {
            Type("Campo", Start + """, { "id": "se", "activity": "If", "options": { "condition": { "field": "Scadenzza", "operator": "before", "value": "2027-01-01" } } }""", """{ "from": "pubblicato", "outcome": "done", "to": "se" }"""),
            "types[0].activities[1].options.condition.field",
            "«Condizione (se)»: il campo «Scadenzza» non esiste nel tipo «Avviso pubblico»"
        },
        {
            Type("Operatore", Start + """, { "id": "se", "activity": "If", "options": { "condition": { "all": [ { "field": "Importo", "operator": "contains", "value": "10" } ] } } }"""),
            "types[0].activities[1].options.condition.all[0].operator",
            "l'operatore «contiene» non si applica al campo «Importo» (numero)"
        },
        {
            Type("Valore", Start + """, { "id": "se", "activity": "If", "options": { "condition": { "not": { "field": "Scadenza", "operator": "after", "value": "domani" } } } }"""),
            "types[0].activities[1].options.condition.not.value",
            "deve essere una data AAAA-MM-GG"
        },
        {
            Type("Sconosciuta", Start + """, { "id": "boh", "activity": "Teletrasporta" }"""),
            "types[0].activities[1].activity",
            "l'attività «Teletrasporta» non esiste"
        },
        {
            Type("Modulo", Start + """, { "id": "ente", "activity": "NotifyServiceOrganization" }"""),
            "types[0].activities[1].activity",
            "è del modulo «bussola», che la zona non ha attivato"
        },
        {
            Type("Opzione", Start + """, { "id": "mail", "activity": "SendEmail", "options": { "to": [ "ufficio@esempio.it" ], "subject": "Ciao", "body": "x", "cc": "no" } }"""),
            "types[0].activities[1].options.cc",
            "opzione sconosciuta «cc»"
        },
        {
            Type("Esito", Start + """, { "id": "mail", "activity": "Audit", "options": { "message": "x" } }""", """{ "from": "pubblicato", "outcome": "forse", "to": "mail" }"""),
            "types[0].transitions[0].outcome",
            "non ha l'esito «forse»"
        },
        {
            Type("Scadenza", """{ "id": "creato", "activity": "ContentCreated", "start": true, "options": { "contentTypes": [ "Avviso" ] } }, { "id": "attesa", "activity": "Timer", "options": { "field": "Importo", "after": "P1D" } }"""),
            "types[0].activities[1].options.field",
            "una scadenza si calcola solo da un campo data"
        },
        {
            Type("Durata", Start + """, { "id": "attesa", "activity": "Timer", "options": { "after": "un mese" } }"""),
            "types[0].activities[1].options.after",
            "la durata «un mese» non è valida"
        },
        {
            Type("Segnaposto", Start + """, { "id": "nota", "activity": "Audit", "options": { "message": "Pubblicato {titolo} da {autore}" } }"""),
            "types[0].activities[1].options.message",
            "il segnaposto «{autore}» non esiste"
        },
    };

    [Theory]
    [MemberData(nameof(BadTypes))]
    public async Task A_bad_workflow_type_is_refused_with_its_path_line_and_an_italian_message_and_nothing_is_written(string type, string path, string message)
    {
        var error = await Assert.ThrowsAsync<RecipeValidationException>(() => _platform.Zones.CreateAsync(WorkflowsTestZone.Slug, TestPlatform.Recipe(WorkflowsTestZone.Recipe(type)), "test"));

        var problem = Assert.Single(error.Errors, e => e.JsonPath == "$.steps[3]." + path);
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
        Assert.Equal("workflows", problem.StepName);
        Assert.NotNull(problem.Line);
        Assert.False(await _platform.ZoneStoreExistsAsync(WorkflowsTestZone.Slug));
    }

    [Fact]
    public async Task Applying_the_same_types_again_changes_nothing_and_a_changed_type_is_a_new_version_that_running_instances_do_not_follow()
    {
        var v1 = Type("Manuale", """{ "id": "avvio", "activity": "ManualStart", "start": true }, { "id": "attesa", "activity": "Timer", "options": { "after": "P30D" } }, { "id": "nota", "activity": "Audit", "options": { "message": "versione 1" } }""",
            """{ "from": "avvio", "outcome": "done", "to": "attesa" }, { "from": "attesa", "outcome": "done", "to": "nota" }""");
        await _platform.Zones.CreateAsync(WorkflowsTestZone.Slug, TestPlatform.Recipe(WorkflowsTestZone.Recipe(v1)), "test");
        string instanceId;
        await using (var scope = await _platform.ScopeAsync())
        {
            instanceId = await scope.ServiceProvider.GetRequiredService<WorkflowRunner>().StartManuallyAsync("Manuale", null, "m.rossi", CancellationToken.None);
        }

        var again = await _platform.Zones.ApplyAsync(WorkflowsTestZone.Slug, TestPlatform.Recipe(WorkflowsTestZone.Recipe(v1)), "test");
        Assert.DoesNotContain(again.Changes, c => c.Contains("flusso", StringComparison.Ordinal));

        var v2 = v1.Replace("versione 1", "versione 2", StringComparison.Ordinal);
        var changed = await _platform.Zones.ApplyAsync(WorkflowsTestZone.Slug, TestPlatform.Recipe(WorkflowsTestZone.Recipe(v2)), "test");
        Assert.Contains(changed.Changes, c => c.Contains("flusso «Flusso Manuale» (versione 2)", StringComparison.Ordinal));

        var (types, versions, instance) = await _platform.ReadAsync(async db => (
            await db.Types.AsNoTracking().SingleAsync(),
            await db.TypeVersions.AsNoTracking().OrderBy(v => v.Version).Select(v => v.Version).ToListAsync(),
            await db.Instances.AsNoTracking().SingleAsync(i => i.Id == instanceId)));
        Assert.Equal(2, types.CurrentVersion);
        Assert.Equal([1, 2], versions);
        Assert.Equal((1, WorkflowStatus.Waiting), (instance.Version, instance.Status));
        Assert.Equal("m.rossi", JsonNode.Parse(instance.Input)!["userName"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_zone_export_carries_its_workflow_types_and_imports_back_unchanged()
    {
        var type = Type("Esportato", Start + """, { "id": "se", "activity": "If", "options": { "condition": { "any": [ { "field": "Urgente", "operator": "isTrue" }, { "field": "Importo", "operator": "greaterThan", "value": 1000 } ] } } }, { "id": "nota", "activity": "Audit", "options": { "message": "Avviso importante: {titolo}" } }""",
            """{ "from": "pubblicato", "outcome": "done", "to": "se" }, { "from": "se", "outcome": "true", "to": "nota" }""");
        await _platform.Zones.CreateAsync(WorkflowsTestZone.Slug, TestPlatform.Recipe(WorkflowsTestZone.Recipe(type)), "test");

        var exported = await _platform.Zones.ExportAsync(WorkflowsTestZone.Slug);
        var step = exported["steps"]!.AsArray().Single(s => s!["name"]!.GetValue<string>() == "workflows")!;
        Assert.Equal("Esportato", step["types"]![0]!["name"]!.GetValue<string>());
        Assert.Equal("Avviso importante: {titolo}", step["types"]![0]!["activities"]![2]!["options"]!["message"]!.GetValue<string>());

        var reapplied = await _platform.Zones.ApplyAsync(WorkflowsTestZone.Slug, TestPlatform.Recipe(exported.ToJsonString()), "test");
        Assert.DoesNotContain(reapplied.Changes, c => c.Contains("flusso", StringComparison.Ordinal));
    }
}

public sealed class SqliteWorkflowRecipeTests() : WorkflowRecipeTests(StorageKind.Sqlite);

public sealed class PostgresWorkflowRecipeTests() : WorkflowRecipeTests(StorageKind.Postgres);
