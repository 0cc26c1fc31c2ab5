using ZonaWelfare.Abstractions.Recipes;
using ZonaWelfare.Testing;

namespace ZonaWelfare.Modules.Search.Tests;

/// <summary>The <c>searchIndexes</c> recipe step: strict, idempotent, exportable.</summary>
public abstract class RecipeStepTests(StorageKind kind) : IAsyncLifetime
{
    private SearchHost _host = null!;

    public async Task InitializeAsync() => _host = await SearchHost.StartAsync(kind);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Re_applying_the_same_synonyms_changes_nothing_and_the_export_re_applies_cleanly()
    {
        await _host.CreateZoneAsync("zona", Catalogue.Synonyms);

        var again = await _host.Platform.Zones.ApplyAsync("zona", Recipe($$"""{ "name": "searchIndexes", "synonyms": {{Catalogue.Synonyms}} }"""), "test");
        Assert.Empty(again.Changes);

        var exported = await _host.Platform.Zones.ExportAsync("zona");
        var step = exported["steps"]!.AsArray().Single(s => s!["name"]!.GetValue<string>() == "searchIndexes")!;
        Assert.Equal("terza età", step["synonyms"]![1]![2]!.GetValue<string>());

        var reapplied = await _host.Platform.Zones.ApplyAsync("zona", TestPlatform.Recipe(exported.ToJsonString()), "test");
        Assert.Empty(reapplied.Changes);
    }

    [Fact]
    public async Task Changed_synonyms_are_reported_and_replace_the_old_ones()
    {
        await _host.CreateZoneAsync("zona", Catalogue.Synonyms);

        var result = await _host.Platform.Zones.ApplyAsync("zona", Recipe("""{ "name": "searchIndexes", "synonyms": [ [ "minori", "bambini", "ragazzi" ] ] }"""), "test");

        Assert.Equal(["sinonimi della ricerca (1 gruppi)"], result.Changes);
        var exported = await _host.Platform.Zones.ExportAsync("zona");
        var step = exported["steps"]!.AsArray().Single(s => s!["name"]!.GetValue<string>() == "searchIndexes")!;
        Assert.Equal("""[["minori","bambini","ragazzi"]]""", step["synonyms"]!.ToJsonString());
    }

    [Theory]
    [InlineData("""[ [ "solo" ] ]""", "$.steps[0].synonyms[0]", "almeno due termini")]
    [InlineData("""[ [ "anziani", " " ] ]""", "$.steps[0].synonyms[0][1]", "obbligatorio")]
    [InlineData("""[ [ "anziani", "di" ] ]""", "$.steps[0].synonyms[0][1]", "solo parole che la ricerca ignora")]
    [InlineData("""[ [ "anziani", "anziano" ], [ "Anziani", "vecchi" ] ]""", "$.steps[0].synonyms[1][0]", "già nel gruppo 1")]
    [InlineData("""[ [ "anziani", 3 ] ]""", "$.steps[0].synonyms[0][1]", "tipo di valore non valido")]
    public async Task Invalid_synonyms_are_refused_with_their_path(string synonyms, string path, string message)
    {
        await _host.CreateZoneAsync("zona");

        var error = await Assert.ThrowsAsync<RecipeValidationException>(() =>
            _host.Platform.Zones.ApplyAsync("zona", Recipe($$"""{ "name": "searchIndexes", "synonyms": {{synonyms}} }"""), "test"));

        var problem = Assert.Single(error.Errors);
        Assert.Equal(path, problem.JsonPath);
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_step_needs_the_search_module()
    {
        var error = await Assert.ThrowsAsync<RecipeValidationException>(() => _host.Platform.Zones.CreateAsync("senza", TestPlatform.Recipe("""
            { "name": "senza", "displayName": "Senza", "version": "1",
              "steps": [ { "name": "zone", "displayName": "Senza", "comuni": [ "Alto" ] }, { "name": "searchIndexes", "synonyms": [] } ] }
            """), "test"));

        Assert.Contains("appartiene al modulo 'search'", error.Errors[0].Message, StringComparison.Ordinal);
    }

    private static ZonaWelfare.Core.Recipes.RecipeDocument Recipe(string step) =>
        TestPlatform.Recipe($$"""{ "name": "ricerca", "displayName": "Ricerca", "version": "2", "steps": [ {{step}} ] }""");

}

public sealed class SqliteRecipeStepTests() : RecipeStepTests(StorageKind.Sqlite);

public sealed class PostgresRecipeStepTests() : RecipeStepTests(StorageKind.Postgres);
