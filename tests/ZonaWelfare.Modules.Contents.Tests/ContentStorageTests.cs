using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ZonaWelfare.Abstractions.Contents;
using ZonaWelfare.Modules.Contents.Data;
using ZonaWelfare.Modules.Contents.Services;
using ZonaWelfare.Testing;

namespace ZonaWelfare.Modules.Contents.Tests;

/// <summary>Content items over real storage: versions, publication, soft delete, restore, index tables in the item's transaction.</summary>
public abstract class ContentStorageTests(StorageKind kind) : IAsyncLifetime
{
    private TestPlatform _platform = null!;

    public async Task InitializeAsync() =>
        _platform = await ContentsTestZone.StartAsync(kind, services => services.AddScoped<IContentHandler, ExplodingHandler>());

    public async Task DisposeAsync() => await _platform.DisposeAsync();

    [Fact]
    public async Task A_new_item_is_a_draft_version_with_its_index_row_and_no_public_route()
    {
        await using var scope = await _platform.ScopeAsync();
        var manager = scope.ServiceProvider.GetRequiredService<IContentManager>();

        var saved = await manager.CreateAsync(await ContentsTestZone.NewPageAsync(manager, "Chi siamo", "Testo"), publish: false);

        Assert.Equal(1, saved.Number);
        Assert.True(saved.Latest);
        Assert.False(saved.Published);
        Assert.Null(await manager.GetAsync(saved.ContentItemId, VersionOptions.Published));
        Assert.Equal("Chi siamo", (await manager.GetAsync(saved.ContentItemId, VersionOptions.Draft))?.DisplayText);
        var db = scope.ServiceProvider.GetRequiredService<ContentsDbContext>();
        var index = await db.Items.SingleAsync(i => i.ContentItemId == saved.ContentItemId);
        Assert.Equal(("Pagina", "chi-siamo", true, false), (index.ContentType, index.Path, index.HasDraft, index.Published));
        Assert.Empty(await db.Routes.ToListAsync());
    }

    [Fact]
    public async Task Publishing_routes_the_item_and_a_later_draft_leaves_the_published_version_in_place()
    {
        await using var scope = await _platform.ScopeAsync();
        var manager = scope.ServiceProvider.GetRequiredService<IContentManager>();
        var db = scope.ServiceProvider.GetRequiredService<ContentsDbContext>();
        var created = await manager.CreateAsync(await ContentsTestZone.NewPageAsync(manager, "Piano di zona", "Prima stesura", showInMenu: true), publish: true);

        var route = await db.Routes.AsNoTracking().SingleAsync();
        Assert.Equal(("piano-di-zona", created.ContentItemId), (route.Path, route.ContentItemId));
        Assert.Equal("Piano di zona", (await db.Menu.AsNoTracking().SingleAsync()).Text);

        var draft = await manager.GetAsync(created.ContentItemId, VersionOptions.Latest);
        draft!.Content["Pagina"]!["Corpo"] = "Seconda stesura";
        draft.Content["TitlePart"]!["title"] = "Piano di zona rivisto";
        var updated = await manager.UpdateAsync(draft);

        Assert.Equal(2, updated.Number);
        Assert.Equal("Prima stesura", (await manager.GetAsync(created.ContentItemId, VersionOptions.Published))!.Field("Corpo")!.GetValue<string>());
        Assert.Equal("Seconda stesura", (await manager.GetAsync(created.ContentItemId, VersionOptions.Latest))!.Field("Corpo")!.GetValue<string>());
        var index = await db.Items.AsNoTracking().SingleAsync();
        Assert.True(index.Published);
        Assert.True(index.HasDraft);
        Assert.Equal("Piano di zona", (await db.Menu.AsNoTracking().SingleAsync()).Text);

        var published = await manager.PublishAsync(created.ContentItemId);
        Assert.Equal(2, published.Number);
        Assert.Equal("Piano di zona rivisto", (await db.Menu.AsNoTracking().SingleAsync()).Text);
        Assert.Single(await db.Versions.AsNoTracking().Where(v => v.Published).ToListAsync());
        Assert.False((await db.Items.AsNoTracking().SingleAsync()).HasDraft);
    }

    [Fact]
    public async Task Unpublishing_and_removing_take_the_item_off_the_public_site_but_keep_its_versions()
    {
        await using var scope = await _platform.ScopeAsync();
        var manager = scope.ServiceProvider.GetRequiredService<IContentManager>();
        var db = scope.ServiceProvider.GetRequiredService<ContentsDbContext>();
        var item = await manager.CreateAsync(await ContentsTestZone.NewPageAsync(manager, "Avviso", "Testo", showInMenu: true), publish: true);

        await manager.UnpublishAsync(item.ContentItemId);
        Assert.Null(await manager.GetAsync(item.ContentItemId, VersionOptions.Published));
        Assert.Empty(await db.Routes.AsNoTracking().ToListAsync());
        Assert.Empty(await db.Menu.AsNoTracking().ToListAsync());

        await manager.PublishAsync(item.ContentItemId);
        Assert.Single(await db.Routes.AsNoTracking().ToListAsync());

        await manager.RemoveAsync(item.ContentItemId);
        Assert.Null(await manager.GetAsync(item.ContentItemId, VersionOptions.Latest));
        Assert.Empty(await db.Routes.AsNoTracking().ToListAsync());
        Assert.True((await db.Items.AsNoTracking().SingleAsync()).Deleted);
        Assert.Single(await manager.GetVersionsAsync(item.ContentItemId));
        var actions = await db.Audit.AsNoTracking().Where(a => a.ContentItemId == item.ContentItemId).Select(a => a.Action).ToListAsync();
        Assert.Equal(["created", "published", "published", "removed", "unpublished"], actions.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_content_query_lists_every_published_item_once_across_pages_and_nothing_else()
    {
        await using var scope = await _platform.ScopeAsync();
        var manager = scope.ServiceProvider.GetRequiredService<IContentManager>();
        var published = new List<string>();
        for (var i = 0; i < 450; i++)
        {
            var item = await manager.CreateAsync(await ContentsTestZone.NewPageAsync(manager, $"Pagina {i:000}", "Testo", slug: $"pagina-{i:000}"), publish: i % 3 != 0);
            if (i % 3 != 0)
            {
                published.Add(item.ContentItemId);
            }
        }

        await manager.RemoveAsync(published[0]);
        published.RemoveAt(0);
        var query = scope.ServiceProvider.GetRequiredService<IContentQuery>();

        var listed = new List<ContentItem>();
        await foreach (var item in query.ListPublishedAsync(["Pagina"]))
        {
            listed.Add(item);
        }

        Assert.Equal(published.Order(StringComparer.Ordinal), listed.Select(i => i.ContentItemId));
        Assert.All(listed, i => Assert.True(i.Published));
        Assert.Equal(published.Count, await query.CountPublishedAsync(["Pagina"]));
        Assert.Equal(0, await query.CountPublishedAsync(["Nota"]));
    }

    [Fact]
    public async Task Restoring_an_older_version_makes_a_copy_of_it_the_latest_draft()
    {
        await using var scope = await _platform.ScopeAsync();
        var manager = scope.ServiceProvider.GetRequiredService<IContentManager>();
        var first = await manager.CreateAsync(await ContentsTestZone.NewPageAsync(manager, "Servizi", "Versione uno"), publish: true);
        var latest = await manager.GetAsync(first.ContentItemId, VersionOptions.Latest);
        latest!.Content["Pagina"]!["Corpo"] = "Versione due";
        await manager.UpdateAsync(latest);

        var restored = await manager.RestoreAsync(first.ContentItemVersionId);

        Assert.Equal(3, restored.Number);
        Assert.False(restored.Published);
        Assert.Equal("Versione uno", restored.Field("Corpo")!.GetValue<string>());
        var versions = await manager.GetVersionsAsync(first.ContentItemId);
        Assert.Equal([3, 2, 1], versions.Select(v => v.Number));
        Assert.Single(versions, v => v.Latest);
        var audit = await scope.ServiceProvider.GetRequiredService<ContentsDbContext>().Audit.AsNoTracking().Where(a => a.Details != null && a.ContentItemId != null).SingleAsync();
        Assert.Equal("ripristinata la versione 1", audit.Details);
    }

    [Fact]
    public async Task A_failing_handler_rolls_back_the_version_the_index_rows_and_the_audit()
    {
        await using var scope = await _platform.ScopeAsync();
        var manager = scope.ServiceProvider.GetRequiredService<IContentManager>();
        var before = await _platform.DumpZoneAsync(ContentsTestZone.Slug);

        await Assert.ThrowsAsync<InvalidOperationException>(async () =>
            await manager.CreateAsync(await ContentsTestZone.NewPageAsync(manager, "Questa esplode", "Testo"), publish: true));

        Assert.Equal(before, await _platform.DumpZoneAsync(ContentsTestZone.Slug));

        // The scope stays usable after the rollback.
        var ok = await manager.CreateAsync(await ContentsTestZone.NewPageAsync(manager, "Questa no", "Testo"), publish: true);
        Assert.NotNull(await manager.GetAsync(ok.ContentItemId));
    }

    [Fact]
    public async Task Two_items_cannot_share_a_public_address()
    {
        await using var scope = await _platform.ScopeAsync();
        var manager = scope.ServiceProvider.GetRequiredService<IContentManager>();
        await manager.CreateAsync(await ContentsTestZone.NewPageAsync(manager, "Contatti", "Uno"), publish: false);

        var ex = await Assert.ThrowsAsync<ContentValidationException>(async () =>
            await manager.CreateAsync(await ContentsTestZone.NewPageAsync(manager, "Altri contatti", "Due", slug: "contatti"), publish: false));

        var problem = Assert.Single(ex.Problems);
        Assert.Equal("parts.AutoroutePart.slug", problem.Key);
        Assert.Equal("L'indirizzo «/contatti» è già usato da «Contatti»: scegline un altro.", problem.Message);
    }

    [Fact]
    public async Task Required_and_length_rules_are_reported_in_italian_per_field()
    {
        await using var scope = await _platform.ScopeAsync();
        var manager = scope.ServiceProvider.GetRequiredService<IContentManager>();
        var page = await ContentsTestZone.NewPageAsync(manager, "", "");
        var note = await manager.NewAsync("Nota");
        note.Content["TitlePart"] = new JsonObject { ["title"] = "Nota" };
        note.Content["Nota"] = new JsonObject { ["Testo"] = new string('x', 21) };

        var pageErrors = (await Assert.ThrowsAsync<ContentValidationException>(() => manager.CreateAsync(page, false))).Problems;
        var noteErrors = (await Assert.ThrowsAsync<ContentValidationException>(() => manager.CreateAsync(note, false))).Problems;

        Assert.Contains(new ContentProblem("parts.TitlePart.title", "Il campo «Titolo» è obbligatorio."), pageErrors);
        Assert.Contains(new ContentProblem("fields.Corpo", "Il campo «Corpo» è obbligatorio."), pageErrors);
        Assert.Equal([new ContentProblem("fields.Testo", "Il campo «Testo» può contenere al massimo 20 caratteri (ora ne contiene 21).")], noteErrors);
    }

    [Fact]
    public async Task A_type_that_is_not_versionable_keeps_only_its_latest_and_published_versions()
    {
        await using var scope = await _platform.ScopeAsync();
        var manager = scope.ServiceProvider.GetRequiredService<IContentManager>();
        var note = await manager.NewAsync("Nota");
        note.Content["TitlePart"] = new JsonObject { ["title"] = "Promemoria" };
        var saved = await manager.CreateAsync(note, publish: true);
        for (var i = 0; i < 3; i++)
        {
            var latest = await manager.GetAsync(saved.ContentItemId, VersionOptions.Latest);
            latest!.Content["Nota"] = new JsonObject { ["Testo"] = $"giro {i}" };
            await manager.UpdateAsync(latest);
        }

        var versions = await manager.GetVersionsAsync(saved.ContentItemId);
        Assert.Equal(2, versions.Count);
        Assert.Equal("giro 2", versions.Single(v => v.Latest).Field("Testo")!.GetValue<string>());
        Assert.True(versions.Single(v => !v.Latest).Published);
    }

    [Fact]
    public async Task Every_operation_raises_the_events_of_registered_handlers_with_the_user()
    {
        await using var scope = await _platform.ScopeAsync();
        scope.ServiceProvider.GetRequiredService<ContentOperation>().UserNameOverride = "m.rossi";
        var manager = scope.ServiceProvider.GetRequiredService<IContentManager>();
        var item = await manager.CreateAsync(await ContentsTestZone.NewPageAsync(manager, "Eventi", "Testo"), publish: false);
        await manager.PublishAsync(item.ContentItemId);

        var handler = (ExplodingHandler)scope.ServiceProvider.GetServices<IContentHandler>().Single(h => h is ExplodingHandler);
        Assert.Equal(["created:m.rossi", "published:m.rossi"], handler.Seen);
        Assert.Equal("m.rossi", (await manager.GetAsync(item.ContentItemId))!.Owner);
    }

    [Fact]
    public async Task Other_modules_read_a_types_parts_and_fields_with_their_kinds()
    {
        await using var scope = await _platform.ScopeAsync();
        var metadata = scope.ServiceProvider.GetRequiredService<IContentMetadata>();

        var pagina = await metadata.GetTypeAsync("Pagina");
        Assert.NotNull(pagina);
        Assert.Equal(["TitlePart", "AutoroutePart", "MenuPart"], pagina.Parts);
        var corpo = Assert.Single(pagina.Fields);
        Assert.Equal(new ContentFieldInfo("Corpo", "Corpo", ContentFieldType.Markdown, Required: true, Multiple: false), corpo);
        Assert.Null(await metadata.GetTypeAsync("NonEsiste"));
        Assert.Equal(["Nota", "Pagina"], (await metadata.ListTypesAsync()).Select(t => t.Name));
    }

    [Fact]
    public async Task An_audit_record_of_another_module_exists_only_if_its_transaction_commits()
    {
        await using var scope = await _platform.ScopeAsync();
        var manager = scope.ServiceProvider.GetRequiredService<IContentManager>();
        var audit = scope.ServiceProvider.GetRequiredService<IContentAuditTrail>();
        var database = scope.ServiceProvider.GetRequiredService<ZonaWelfare.Abstractions.Data.IZoneDatabase>();
        var db = scope.ServiceProvider.GetRequiredService<ContentsDbContext>();
        var item = await manager.CreateAsync(await ContentsTestZone.NewPageAsync(manager, "Tracciata", "Testo"), publish: true);

        await using (var rolledBack = await database.BeginTransactionAsync())
        {
            // Disposed without a commit: rolled back.
            await audit.WriteAsync("workflow", "Annullato", item);
        }

        await using (var committed = await database.BeginTransactionAsync())
        {
            await audit.WriteAsync("workflow", "Promemoria inviato all'ente", item, userName: "flusso");
            await committed.CommitAsync();
        }

        db.ChangeTracker.Clear();
        var records = await db.Audit.AsNoTracking().Where(a => a.Action == "workflow").ToListAsync();
        var record = Assert.Single(records);
        Assert.Equal(("Promemoria inviato all'ente", "flusso", item.ContentItemId, "Pagina"), (record.Details, record.UserName, record.ContentItemId, record.ContentType));
    }

    [Fact]
    public void Every_field_kind_has_a_public_counterpart_of_the_same_name()
    {
        Assert.Equal(Enum.GetNames<ZonaWelfare.Modules.Contents.Models.ContentFieldKind>(), Enum.GetNames<ContentFieldType>());
    }

    /// <summary>Records events, and fails the operation for items whose title mentions «esplode».</summary>
    private sealed class ExplodingHandler : IContentHandler
    {
        public string ModuleId => "contents";

        public List<string> Seen { get; } = [];

        public Task CreatedAsync(ContentEventContext context, CancellationToken cancellationToken) => Record("created", context);

        public Task PublishedAsync(ContentEventContext context, CancellationToken cancellationToken) => Record("published", context);

        private Task Record(string what, ContentEventContext context)
        {
            Seen.Add($"{what}:{context.UserName}");
            return context.Item.DisplayText.Contains("esplode", StringComparison.Ordinal)
                ? throw new InvalidOperationException("Il gestore di prova rifiuta il contenuto.")
                : Task.CompletedTask;
        }
    }
}

public sealed class SqliteContentStorageTests() : ContentStorageTests(StorageKind.Sqlite);

public sealed class PostgresContentStorageTests() : ContentStorageTests(StorageKind.Postgres);
