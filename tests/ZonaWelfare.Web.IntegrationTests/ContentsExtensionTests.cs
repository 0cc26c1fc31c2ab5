using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ZonaWelfare.Abstractions.Contents;
using ZonaWelfare.Testing.Modules;

namespace ZonaWelfare.Web.IntegrationTests;

/// <summary>
/// What the Contents editor and events promise other modules: a part without an editor is kept exactly as stored,
/// and a module's content handler hears only the zones that enable the module.
/// </summary>
public abstract class ContentsExtensionTests(ContentsApp app)
{
    private static string Recipe(string slug, string modules) => $$"""
        {
          "name": "prova-{{slug}}", "displayName": "Prova", "version": "1",
          "steps": [
            { "name": "zone", "displayName": "Zona {{slug}}", "comuni": [ "Alfa" ] },
            { "name": "features", "enable": [ {{modules}} ] },
            { "name": "contentTypes", "types": [ {
                "name": "Scheda", "displayName": "Scheda", "parts": [ "TitlePart", "NotePart" ],
                "fields": [ { "name": "Testo", "displayName": "Testo", "type": "text" } ] } ] },
            { "name": "content", "items": [ {
                "id": "scheda-uno", "type": "Scheda",
                "parts": { "TitlePart": { "title": "Scheda uno" }, "NotePart": { "text": "Da rivedere", "tags": [ "urgente", "bilancio" ], "priority": 3 } },
                "fields": { "Testo": "Primo testo" } } ] }
          ]
        }
        """;

    [Fact]
    public async Task A_part_without_an_editor_is_kept_exactly_as_stored_when_the_item_is_edited()
    {
        await app.CreateZoneAsync("note-editor", Recipe("note-editor", "\"contents\", \"notes\""));
        var client = await app.PlatformAdminAsync();
        var before = await StoredAsync("note-editor", "scheda-uno");

        var editor = WebUtility.HtmlDecode(await client.GetStringAsync("/note-editor/admin/contents/scheda-uno/edit"));
        Assert.Contains("«Nota di lavoro» non si modifica qui", editor, StringComparison.Ordinal);
        var response = await client.PostEditorAsync("/note-editor/admin/contents/scheda-uno/edit", "publish", ("TitlePart.Title", "Scheda uno, rivista"), ("field-Testo", "Secondo testo"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await StoredAsync("note-editor", "scheda-uno");
        Assert.Equal("Scheda uno, rivista", after["TitlePart"]!["title"]!.GetValue<string>());
        Assert.Equal("Secondo testo", after["Scheda"]!["Testo"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(before["NotePart"], after["NotePart"]), $"{before["NotePart"]} became {after["NotePart"]}");
    }

    [Fact]
    public async Task A_content_handler_hears_only_the_zones_that_enable_its_module()
    {
        await app.CreateZoneAsync("note-con", Recipe("note-con", "\"contents\", \"notes\""));
        // Without the notes module the type cannot carry its part: the zone gets a plain type instead.
        await app.CreateZoneAsync("note-senza", """
            {
              "name": "prova-note-senza", "displayName": "Prova", "version": "1",
              "steps": [
                { "name": "zone", "displayName": "Zona senza note", "comuni": [ "Alfa" ] },
                { "name": "features", "enable": [ "contents", "alpha" ] },
                { "name": "contentTypes", "types": [ { "name": "Scheda", "displayName": "Scheda", "parts": [ "TitlePart" ] } ] },
                { "name": "content", "items": [ { "id": "scheda-senza", "type": "Scheda", "parts": { "TitlePart": { "title": "Scheda senza note" } } } ] }
              ]
            }
            """);
        var events = app.Services.GetRequiredService<NoteEvents>();

        Assert.Contains("note-con:created:scheda-uno", events.Seen);
        Assert.Contains("note-con:published:scheda-uno", events.Seen);
        Assert.DoesNotContain(events.Seen, e => e.StartsWith("note-senza:", StringComparison.Ordinal));

        var client = await app.PlatformAdminAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostEditorAsync("/note-senza/admin/contents/scheda-senza/edit", "publish", ("TitlePart.Title", "Ancora senza note"))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostEditorAsync("/note-con/admin/contents/scheda-uno/edit", "publish", ("TitlePart.Title", "Con le note"))).StatusCode);
        Assert.DoesNotContain(events.Seen, e => e.StartsWith("note-senza:", StringComparison.Ordinal));
        Assert.Equal(2, events.Seen.Count(e => e == "note-con:published:scheda-uno"));
    }

    private Task<JsonObject> StoredAsync(string zone, string id) =>
        app.Services.InZoneAsync(zone, async services => (await services.GetRequiredService<IContentManager>().GetAsync(id, VersionOptions.Latest))!.Content);
}

public sealed class SqliteContentsExtensionTests(ContentsSqliteApp app) : ContentsExtensionTests(app), IClassFixture<ContentsSqliteApp>;

public sealed class PostgresContentsExtensionTests(ContentsPostgresApp app) : ContentsExtensionTests(app), IClassFixture<ContentsPostgresApp>;
