using Microsoft.Extensions.DependencyInjection;
using ZonaWelfare.Core.Recipes;
using ZonaWelfare.Core.Zones;

namespace ZonaWelfare.Web.IntegrationTests;

/// <summary>Every recipe shipped in <c>recipes/</c> is valid for the shipped host, and its schema is current.</summary>
[Collection(ShippedCollection.Name)]
public sealed class RecipeFilesTests(ShippedApp app)
{
    public static TheoryData<string> RecipeFiles() =>
        new(Directory.GetFiles(RepositoryPaths.Recipes, "*.recipe.json").Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(RecipeFiles))]
    public async Task A_shipped_recipe_validates_against_every_step_and_module(string fileName)
    {
        var recipe = RecipeDocument.Parse(await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Recipes, fileName)), fileName);
        var slug = fileName.StartsWith("zona-base", StringComparison.Ordinal) ? "zona-di-prova" : fileName["zona-".Length..^".recipe.json".Length];

        var errors = await app.Services.GetRequiredService<ZoneManager>().ValidateAsync(slug, recipe);

        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Theory]
    [MemberData(nameof(RecipeFiles))]
    public async Task A_shipped_recipe_points_at_the_schema_and_uses_only_known_steps(string fileName)
    {
        var recipe = RecipeDocument.Parse(await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Recipes, fileName)), fileName);
        var schema = app.Services.GetRequiredService<ZoneManager>().RecipeSchema().ToJsonString();

        Assert.Contains("\"$schema\": \"./recipe.schema.json\"", recipe.Source, StringComparison.Ordinal);
        Assert.All(Enumerable.Range(0, recipe.Steps.Count), i => Assert.Contains($"\"const\":\"{recipe.StepName(i)}\"", schema, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_committed_recipe_schema_is_the_one_the_host_generates()
    {
        var committed = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Recipes, "recipe.schema.json"));

        var generated = ZoneManager.Serialize(app.Services.GetRequiredService<ZoneManager>().RecipeSchema()) + "\n";

        Assert.True(committed == generated, "recipes/recipe.schema.json is out of date: run `dotnet run --project src/Web/ZonaWelfare.Web -- recipes schema --output recipes/recipe.schema.json`.");
    }
}
