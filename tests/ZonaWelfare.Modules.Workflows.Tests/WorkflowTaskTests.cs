using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using ZonaWelfare.Abstractions.Contents;
using ZonaWelfare.Abstractions.Zones;
using ZonaWelfare.Modules.Workflows.Data;
using ZonaWelfare.Modules.Workflows.Services;
using ZonaWelfare.Testing;

namespace ZonaWelfare.Modules.Workflows.Tests;

/// <summary>Tasks on real storage: e-mail as an .eml file, content created, a failing task rolls back and faults, retry and cancel.</summary>
public abstract class WorkflowTaskTests(StorageKind kind) : IAsyncLifetime
{
    private TestStore _store = null!;
    private TestPlatform _platform = null!;

    private const string Notify = """
        {
          "name": "Notifica",
          "displayName": "Notifica all'Ufficio di Piano",
          "activities": [
            { "id": "pubblicato", "activity": "ContentPublished", "start": true, "options": { "contentTypes": [ "Avviso" ] } },
            { "id": "mail", "activity": "SendEmail", "options": { "to": [ "ufficio.piano@esempio.it" ], "subject": "Pubblicato: {titolo}", "body": "È stato pubblicato «{titolo}» ({tipo}): {indirizzo}" } },
            { "id": "registro", "activity": "Audit", "options": { "message": "Notificato all'Ufficio di Piano: {titolo}" } }
          ],
          "transitions": [
            { "from": "pubblicato", "outcome": "done", "to": "mail" },
            { "from": "mail", "outcome": "done", "to": "registro" }
          ]
        }
        """;

    // Creates a follow-up item, then publishes the item the instance is about: without one, «Pubblica» fails.
    private const string FollowUp = """
        {
          "name": "Seguito",
          "displayName": "Avviso di seguito",
          "activities": [
            { "id": "avvio", "activity": "ManualStart", "start": true },
            { "id": "crea", "activity": "CreateContent", "options": { "contentType": "Avviso", "title": "Seguito di {titolo}", "fields": { "Stato": "bozza" } } },
            { "id": "pubblica", "activity": "Publish" }
          ],
          "transitions": [
            { "from": "avvio", "outcome": "done", "to": "crea" },
            { "from": "crea", "outcome": "done", "to": "pubblica" }
          ]
        }
        """;

    public async Task InitializeAsync()
    {
        _store = await TestStore.CreateAsync(kind);
        _platform = await WorkflowsTestZone.StartAsync(_store);
        await _platform.Zones.CreateAsync(WorkflowsTestZone.Slug, TestPlatform.Recipe(WorkflowsTestZone.Recipe(Notify + "," + FollowUp)), "test");
    }

    public async Task DisposeAsync()
    {
        await _platform.DisposeAsync();
        await _store.DisposeAsync();
    }

    [Fact]
    public async Task A_published_item_sends_one_email_as_an_eml_file_with_its_title_and_address()
    {
        await _platform.CreateAvvisoAsync("Bando per il Terzo settore", publish: true, item => item.Content["AutoroutePart"] = new System.Text.Json.Nodes.JsonObject { ["slug"] = "bando-ets" });

        string folder;
        await using (var scope = await _platform.ScopeAsync())
        {
            folder = Path.Combine(scope.ServiceProvider.GetRequiredService<IZoneContext>().DataFolder, "mail");
        }

        await WorkflowsTestZone.EventuallyAsync(() => Task.FromResult(Directory.Exists(folder) && Directory.GetFiles(folder, "*.eml").Length == 1), "the .eml file", dump: () => _platform.DumpZoneAsync(WorkflowsTestZone.Slug));
        var message = await MimeMessage.LoadAsync(Directory.GetFiles(folder, "*.eml").Single());
        Assert.Equal("ufficio.piano@esempio.it", message.To.Mailboxes.Single().Address);
        Assert.Equal("Pubblicato: Bando per il Terzo settore", message.Subject);
        Assert.Contains("«Bando per il Terzo settore» (Avviso pubblico): /valle/avvisi/bando-ets", message.TextBody, StringComparison.Ordinal);
        var instance = Assert.Single(await _platform.InstancesAsync("Notifica"));
        await WorkflowsTestZone.EventuallyAsync(async () => (await _platform.InstancesAsync("Notifica")).Single().Status == WorkflowStatus.Finished, "the instance to finish");
        Assert.Equal(["pubblicato", "mail", "registro"], (await _platform.HistoryAsync(instance.Id)).Select(h => h.ActivityId));
    }

    [Fact]
    public async Task A_failing_task_rolls_its_run_back_faults_the_instance_and_a_retry_after_the_fix_goes_on()
    {
        var item = await _platform.CreateAvvisoAsync("Avviso madre", publish: false);

        string id;
        await using (var scope = await _platform.ScopeAsync())
        {
            id = await scope.ServiceProvider.GetRequiredService<WorkflowRunner>().StartManuallyAsync("Seguito", item.ContentItemId, "m.rossi", CancellationToken.None);
        }

        // On an item, it creates the follow-up and publishes the item.
        var done = (await _platform.InstancesAsync("Seguito")).Single(i => i.Id == id);
        Assert.Equal(WorkflowStatus.Finished, done.Status);
        Assert.Equal(2, await CountAvvisiAsync());
        await using (var scope = await _platform.ScopeAsync())
        {
            Assert.True((await scope.ServiceProvider.GetRequiredService<IContentManager>().GetAsync(item.ContentItemId))?.Published);
        }

        string faultedId;
        await using (var scope = await _platform.ScopeAsync())
        {
            faultedId = await scope.ServiceProvider.GetRequiredService<WorkflowRunner>().StartManuallyAsync("Seguito", null, "m.rossi", CancellationToken.None);
        }

        // Started without an item, «Pubblica» fails; the item «crea» made in the same run is rolled back with it.
        var faulted = (await _platform.InstancesAsync("Seguito")).Single(i => i.Id == faultedId);
        Assert.Equal(WorkflowStatus.Faulted, faulted.Status);
        Assert.Contains("«Pubblica (pubblica)» non è riuscita", faulted.Fault, StringComparison.Ordinal);
        Assert.Equal(2, await CountAvvisiAsync());
        var history = await _platform.HistoryAsync(faultedId);
        Assert.Equal("fault", Assert.Single(history).Outcome);

        // Retrying fails the same way and keeps the instance faulted; cancelling ends it.
        await using (var scope = await _platform.ScopeAsync())
        {
            var runner = scope.ServiceProvider.GetRequiredService<WorkflowRunner>();
            await runner.RetryAsync(faultedId, CancellationToken.None);
            Assert.Equal(WorkflowStatus.Faulted, (await _platform.InstancesAsync("Seguito")).Single(i => i.Id == faultedId).Status);
            await runner.CancelAsync(faultedId, "m.rossi", CancellationToken.None);
        }

        var cancelled = (await _platform.InstancesAsync("Seguito")).Single(i => i.Id == faultedId);
        Assert.Equal(WorkflowStatus.Cancelled, cancelled.Status);
        Assert.Equal(2, await CountAvvisiAsync());
        Assert.Contains(await _platform.HistoryAsync(faultedId), h => h.Message == "Annullata da m.rossi.");
        await using (var scope = await _platform.ScopeAsync())
        {
            var error = await Assert.ThrowsAsync<WorkflowException>(() => scope.ServiceProvider.GetRequiredService<WorkflowRunner>().RetryAsync(faultedId, CancellationToken.None));
            Assert.Equal("Solo un'istanza in errore si può riprovare.", error.Message);
        }
    }

    private async Task<int> CountAvvisiAsync()
    {
        await using var scope = await _platform.ScopeAsync();
        return (await scope.ServiceProvider.GetRequiredService<IContentQuery>().FindAsync(["Avviso"], null, 100)).Count;
    }
}

public sealed class SqliteWorkflowTaskTests() : WorkflowTaskTests(StorageKind.Sqlite);

public sealed class PostgresWorkflowTaskTests() : WorkflowTaskTests(StorageKind.Postgres);
