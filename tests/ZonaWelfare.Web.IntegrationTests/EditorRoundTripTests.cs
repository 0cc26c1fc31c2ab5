using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ZonaWelfare.Modules.Contents.Data;

namespace ZonaWelfare.Web.IntegrationTests;

/// <summary>
/// The editor never loses data: every item of every type in every shipped recipe, opened in the admin editor and
/// posted back unchanged exactly as a browser would, keeps a stored document identical to the one before.
/// </summary>
public abstract class EditorRoundTripTests(ContentsApp app)
{
    /// <summary>The shipped recipes that bring content, with the zone the host created from each.</summary>
    public static TheoryData<string, string> Recipes => new()
    {
        { "zona-livornese.recipe.json", "livornese" },
        { "zona-grossetana.recipe.json", "grossetana" },
    };

    [Fact]
    public void Every_shipped_recipe_with_content_is_covered()
    {
        var withContent = Directory.GetFiles(RepositoryPaths.Recipes, "*.recipe.json")
            .Where(f => ItemIds(f).Count > 0)
            .Select(Path.GetFileName)
            .Order(StringComparer.Ordinal);

        Assert.Equal(withContent, Recipes.Select(r => (string)r[0]).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Recipes))]
    public async Task Posting_every_editor_back_unchanged_keeps_every_stored_document_identical(string recipe, string zone)
    {
        var client = await app.PlatformAdminAsync();
        var ids = ItemIds(Path.Combine(RepositoryPaths.Recipes, recipe));
        Assert.NotEmpty(ids);
        var changed = new List<string>();
        foreach (var id in ids)
        {
            var before = await StoredAsync(zone, id);
            var editor = await client.GetAsync($"/{zone}/admin/contents/{id}/edit");
            Assert.Equal(HttpStatusCode.OK, editor.StatusCode);
            var html = await editor.Content.ReadAsStringAsync();
            var intent = before.Published ? "publish" : "save";
            var fields = HtmlForms.Fields(html, "form.content-editor", ("intent", intent));
            var response = await client.PostAsync(HtmlForms.Action(html, "form.content-editor"), HtmlForms.Multipart(fields));
            if (response.StatusCode != HttpStatusCode.Redirect)
            {
                changed.Add($"{id}: the unchanged form was refused ({(int)response.StatusCode}): {Problems(await response.Content.ReadAsStringAsync())}");
                continue;
            }

            var after = await StoredAsync(zone, id);
            if (!JsonNode.DeepEquals(before.Content, after.Content) || before.Published != after.Published)
            {
                changed.Add($"{id}:\n  before {before.Content.ToJsonString()}\n  after  {after.Content.ToJsonString()}");
            }
        }

        Assert.True(changed.Count == 0, $"{changed.Count} of {ids.Count} items changed when their editor was posted back unchanged:\n" + string.Join("\n", changed));
    }

    private static List<string> ItemIds(string recipeFile)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(recipeFile));
        return document.RootElement.GetProperty("steps").EnumerateArray()
            .Where(s => s.GetProperty("name").GetString() == "content")
            .SelectMany(s => s.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!))
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The latest version's document, and whether that version is the published one.</summary>
    private Task<(JsonNode Content, bool Published)> StoredAsync(string zone, string id) =>
        app.Services.InZoneAsync(zone, async services =>
        {
            var version = await services.GetRequiredService<ContentsDbContext>().Versions.AsNoTracking().SingleAsync(v => v.ContentItemId == id && v.Latest);
            return (JsonNode.Parse(version.Content)!, version.Published);
        });

    private static string Problems(string html) =>
        string.Join(" | ", System.Text.RegularExpressions.Regex.Matches(html, "<li><a href=\"#[^\"]*\">([^<]*)</a></li>").Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)));
}

public sealed class SqliteEditorRoundTripTests(ContentsSqliteApp app) : EditorRoundTripTests(app), IClassFixture<ContentsSqliteApp>;

public sealed class PostgresEditorRoundTripTests(ContentsPostgresApp app) : EditorRoundTripTests(app), IClassFixture<ContentsPostgresApp>;
