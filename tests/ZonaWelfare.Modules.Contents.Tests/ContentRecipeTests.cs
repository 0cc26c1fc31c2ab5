using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ZonaWelfare.Abstractions.Contents;
using ZonaWelfare.Abstractions.Recipes;
using ZonaWelfare.Core.Zones;
using ZonaWelfare.Modules.Contents.Data;
using ZonaWelfare.Testing;

namespace ZonaWelfare.Modules.Contents.Tests;

/// <summary>The taxonomies, contentTypes and content steps: strict models, idempotence, export round trip.</summary>
public abstract class ContentRecipeTests(StorageKind kind) : IAsyncLifetime
{
    private const string Taxonomies = """
        ,
            { "name": "taxonomies", "taxonomies": [ { "name": "Aree", "displayName": "Aree di intervento", "terms": [ { "id": "disabilita", "name": "Disabilità" }, { "id": "anziani", "name": "Anziani" } ] } ] },
            { "name": "contentTypes", "types": [ { "name": "Servizio", "displayName": "Servizio", "parts": [ "TitlePart", "AutoroutePart" ],
              "settings": { "routePattern": "servizi/{slug}" },
              "fields": [
                { "name": "Descrizione", "displayName": "Descrizione", "type": "markdown" },
                { "name": "Aree", "displayName": "Aree", "type": "taxonomy", "taxonomy": "Aree", "multiple": true },
                { "name": "Posti", "displayName": "Posti", "type": "number", "min": 0 },
                { "name": "Pagina", "displayName": "Pagina collegata", "type": "contentPicker", "contentTypes": [ "Pagina" ] }
              ] } ] }
        """;

    private const string Content = """
        ,
            { "name": "content", "items": [
              { "id": "prova-chi-siamo", "type": "Pagina", "parts": { "TitlePart": { "title": "Chi siamo" }, "MenuPart": { "showInMenu": true, "order": 5 } }, "fields": { "Corpo": "La **zona** di prova." } },
              { "id": "prova-bozza", "type": "Pagina", "published": false, "parts": { "TitlePart": { "title": "In preparazione" } }, "fields": { "Corpo": "Non ancora." } },
              { "id": "prova-centro-diurno", "type": "Servizio", "parts": { "TitlePart": { "title": "Centro diurno" } }, "fields": { "Aree": [ "disabilita" ], "Posti": 20, "Pagina": [ "prova-chi-siamo" ] } }
            ] }
        """;

    private TestPlatform _platform = null!;

    public async Task InitializeAsync() => _platform = await TestPlatform.StartAsync(kind, ContentsTestZone.ShippedModules());

    public async Task DisposeAsync() => await _platform.DisposeAsync();

    private static string FullRecipe(string content = Content) => ContentsTestZone.Recipe(Taxonomies + content);

    [Fact]
    public async Task A_recipe_creates_types_taxonomies_and_items_with_their_index_rows()
    {
        var result = await _platform.Zones.CreateAsync("ricetta", TestPlatform.Recipe(FullRecipe()), "test");

        Assert.Contains("contenuto «Chi siamo»", result.Changes);
        await using var scope = await _platform.ScopeAsync("ricetta");
        var db = scope.ServiceProvider.GetRequiredService<ContentsDbContext>();
        Assert.Equal(["chi-siamo", "servizi/centro-diurno"], await db.Routes.AsNoTracking().OrderBy(r => r.Path).Select(r => r.Path).ToListAsync());
        Assert.Equal("disabilita", (await db.Terms.AsNoTracking().SingleAsync()).TermId);
        Assert.Equal("Chi siamo", (await db.Menu.AsNoTracking().SingleAsync()).Text);
        var manager = scope.ServiceProvider.GetRequiredService<IContentManager>();
        Assert.Null(await manager.GetAsync("prova-bozza"));
        Assert.Equal("In preparazione", (await manager.GetAsync("prova-bozza", VersionOptions.Latest))?.DisplayText);
        Assert.Equal("ricetta", (await manager.GetAsync("prova-chi-siamo"))?.Author);
    }

    [Fact]
    public async Task Re_applying_the_same_recipe_reports_no_change_and_writes_nothing()
    {
        await _platform.Zones.CreateAsync("ricetta", TestPlatform.Recipe(FullRecipe()), "test");
        var before = await _platform.DumpZoneAsync("ricetta");

        var result = await _platform.Zones.ApplyAsync("ricetta", TestPlatform.Recipe(FullRecipe()), "test");

        Assert.Empty(result.Changes);
        Assert.Equal(before, await _platform.DumpZoneAsync("ricetta"));
    }

    [Fact]
    public async Task A_changed_item_gets_a_new_published_version_and_nothing_is_duplicated()
    {
        await _platform.Zones.CreateAsync("ricetta", TestPlatform.Recipe(FullRecipe()), "test");

        var changed = FullRecipe().Replace("La **zona** di prova.", "La zona di prova, rivista.", StringComparison.Ordinal);
        var result = await _platform.Zones.ApplyAsync("ricetta", TestPlatform.Recipe(changed), "test");

        Assert.Equal(["contenuto «Chi siamo»"], result.Changes);
        await using var scope = await _platform.ScopeAsync("ricetta");
        var manager = scope.ServiceProvider.GetRequiredService<IContentManager>();
        var versions = await manager.GetVersionsAsync("prova-chi-siamo");
        Assert.Equal([2, 1], versions.Select(v => v.Number));
        Assert.Equal("La zona di prova, rivista.", (await manager.GetAsync("prova-chi-siamo"))!.Field("Corpo")!.GetValue<string>());
        Assert.Equal(3, await scope.ServiceProvider.GetRequiredService<ContentsDbContext>().Items.CountAsync());
    }

    [Fact]
    public async Task An_exported_zone_re_applies_with_no_changes()
    {
        await _platform.Zones.CreateAsync("ricetta", TestPlatform.Recipe(FullRecipe()), "test");
        await using (var scope = await _platform.ScopeAsync("ricetta"))
        {
            // A draft on top of a published item stays out of the export: the recipe describes what citizens see.
            var manager = scope.ServiceProvider.GetRequiredService<IContentManager>();
            var draft = await manager.GetAsync("prova-chi-siamo", VersionOptions.Latest);
            draft!.Content["Pagina"]!["Corpo"] = "Bozza in corso";
            await manager.UpdateAsync(draft);
        }

        var exported = await _platform.Zones.ExportAsync("ricetta");
        var text = ZoneManager.Serialize(exported);
        var before = WithoutRecipeHistory(await _platform.DumpZoneAsync("ricetta"));
        var result = await _platform.Zones.ApplyAsync("ricetta", TestPlatform.Recipe(text), "test");

        Assert.Empty(result.Changes);
        Assert.Equal(before, WithoutRecipeHistory(await _platform.DumpZoneAsync("ricetta")));
        Assert.Contains("\"name\": \"contentTypes\"", text, StringComparison.Ordinal);
        Assert.Contains("\"name\": \"taxonomies\"", text, StringComparison.Ordinal);
        Assert.Contains("\"id\": \"prova-centro-diurno\"", text, StringComparison.Ordinal);
        Assert.Contains("\"published\": false", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Bozza in corso", text, StringComparison.Ordinal);
    }

    /// <summary>The dump without the platform's list of applied recipes, which records the exported recipe as a new one.</summary>
    private static string WithoutRecipeHistory(string dump)
    {
        var start = dump.IndexOf("## applied_recipes", StringComparison.Ordinal);
        var end = start < 0 ? -1 : dump.IndexOf("## ", start + 3, StringComparison.Ordinal);
        return start < 0 ? dump : dump[..start] + (end < 0 ? "" : dump[end..]);
    }

    public static TheoryData<string, string, string> InvalidItems => new()
    {
        { """{ "id": "x1", "type": "Pagina", "parts": { "TitlePart": { "title": "X" } }, "fields": { "Corpoo": "testo" } }""", "$.steps[5].items[0].fields.Corpoo", "campo sconosciuto 'Corpoo' per il tipo 'Pagina'" },
        { """{ "id": "x1", "type": "Pagina", "parts": { "TitlePart": { "titolo": "X" } }, "fields": { "Corpo": "testo" } }""", "$.steps[5].items[0].parts.TitlePart.titolo", "campo sconosciuto 'titolo'" },
        { """{ "id": "x1", "type": "Pagina", "parts": { "BodyPart": { } }, "fields": { "Corpo": "testo" } }""", "$.steps[5].items[0].parts.BodyPart", "la parte 'BodyPart' non fa parte del tipo 'Pagina'" },
        { """{ "id": "x1", "type": "Paginetta" }""", "$.steps[5].items[0].type", "tipo di contenuto sconosciuto 'Paginetta'" },
        { """{ "id": "x1", "type": "Pagina", "parts": { "TitlePart": { "title": "X" } } }""", "$.steps[5].items[0].fields.Corpo", "Il campo «Corpo» è obbligatorio." },
        { """{ "id": "x1", "type": "Servizio", "parts": { "TitlePart": { "title": "X" } }, "fields": { "Posti": "venti" } }""", "$.steps[5].items[0].fields.Posti", "deve essere un numero" },
        { """{ "id": "x1", "type": "Servizio", "parts": { "TitlePart": { "title": "X" } }, "fields": { "Aree": [ "giovani" ] } }""", "$.steps[5].items[0].fields.Aree", "il termine 'giovani' non esiste" },
        { """{ "id": "x1", "type": "Servizio", "parts": { "TitlePart": { "title": "X" } }, "fields": { "Pagina": [ "nessuna" ] } }""", "$.steps[5].items[0].fields.Pagina", "il contenuto collegato 'nessuna' non esiste" },
        { """{ "id": "x1", "type": "Pagina", "parts": { "TitlePart": { "title": "Admin" }, "AutoroutePart": { "slug": "admin" } }, "fields": { "Corpo": "x" } }""", "$.steps[5].items[0].parts.AutoroutePart.slug", "riservato" },
        { """{ "id": "X 1", "type": "Pagina", "parts": { "TitlePart": { "title": "X" } }, "fields": { "Corpo": "x" } }""", "$.steps[5].items[0].id", "non è valido" },
        { """{ "id": "x1", "type": "Pagina", "colore": "rosso" }""", "$.steps[5].items[0].colore", "campo sconosciuto 'colore'" },
    };

    [Theory]
    [MemberData(nameof(InvalidItems))]
    public async Task An_invalid_content_item_is_refused_with_its_json_path_and_nothing_is_written(string item, string path, string message)
    {
        var recipe = TestPlatform.Recipe(FullRecipe($$""", { "name": "content", "items": [ {{item}} ] }"""));

        var ex = await Assert.ThrowsAsync<RecipeValidationException>(() => _platform.Zones.CreateAsync("invalida", recipe, "test"));

        Assert.Contains(ex.Errors, e => e.JsonPath == path && e.Message.Contains(message, StringComparison.Ordinal));
        Assert.False(await _platform.ZoneStoreExistsAsync("invalida"));
    }

    [Theory]
    [InlineData("""{ "name": "Pagina2", "displayName": "P", "parts": [ "TitlePart" ], "fields": [ { "name": "Corpo", "displayName": "C", "type": "markdown", "requried": true } ] }""", "$.steps[5].types[0].fields[0].requried", "campo sconosciuto 'requried'")]
    [InlineData("""{ "name": "Pagina2", "displayName": "P", "parts": [ "TitlePart", "CorpoPart" ] }""", "$.steps[5].types[0].parts[1]", "parte sconosciuta 'CorpoPart'")]
    [InlineData("""{ "name": "Pagina2", "displayName": "P", "parts": [ "TitlePart" ], "settings": { "routePattern": "{slug}" } }""", "$.steps[5].types[0].settings.routePattern", "richiede la parte 'AutoroutePart'")]
    [InlineData("""{ "name": "Pagina2", "displayName": "P", "fields": [ { "name": "Foto", "displayName": "Foto", "type": "media", "allowedExtensions": [ ".html" ] } ] }""", "$.steps[5].types[0].fields[0].allowedExtensions[0]", "l'estensione '.html' non è ammessa")]
    [InlineData("""{ "name": "Pagina2", "displayName": "P", "fields": [ { "name": "Testo", "displayName": "T", "type": "text", "min": 3 } ] }""", "$.steps[5].types[0].fields[0].min", "non si applica ai campi di tipo 'text'")]
    [InlineData("""{ "name": "pagina", "displayName": "P" }""", "$.steps[5].types[0].name", "non è valido")]
    public async Task An_invalid_content_type_is_refused_with_its_json_path(string type, string path, string message)
    {
        var recipe = TestPlatform.Recipe(FullRecipe($$""", { "name": "contentTypes", "types": [ {{type}} ] }"""));

        var ex = await Assert.ThrowsAsync<RecipeValidationException>(() => _platform.Zones.CreateAsync("invalida", recipe, "test"));

        Assert.Contains(ex.Errors, e => e.JsonPath == path && e.Message.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Content_steps_need_the_contents_module()
    {
        const string recipe = """{ "name": "x", "displayName": "X", "version": "1", "steps": [ { "name": "content", "items": [] } ] }""";

        var ex = await Assert.ThrowsAsync<RecipeValidationException>(() => _platform.Zones.CreateAsync("senza", TestPlatform.Recipe(recipe), "test"));

        Assert.Contains("appartiene al modulo 'contents'", Assert.Single(ex.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_recipe_item_edited_in_the_admin_is_brought_back_to_the_recipe_on_re_apply()
    {
        await _platform.Zones.CreateAsync("ricetta", TestPlatform.Recipe(FullRecipe()), "test");
        await using (var scope = await _platform.ScopeAsync("ricetta"))
        {
            var manager = scope.ServiceProvider.GetRequiredService<IContentManager>();
            var item = await manager.GetAsync("prova-chi-siamo", VersionOptions.Latest);
            item!.Content["Pagina"] = new JsonObject { ["Corpo"] = "Cambiato a mano" };
            await manager.UpdateAsync(item);
            await manager.PublishAsync("prova-chi-siamo");
        }

        var result = await _platform.Zones.ApplyAsync("ricetta", TestPlatform.Recipe(FullRecipe()), "test");

        Assert.Equal(["contenuto «Chi siamo»"], result.Changes);
    }
}

public sealed class SqliteContentRecipeTests() : ContentRecipeTests(StorageKind.Sqlite);

public sealed class PostgresContentRecipeTests() : ContentRecipeTests(StorageKind.Postgres);
