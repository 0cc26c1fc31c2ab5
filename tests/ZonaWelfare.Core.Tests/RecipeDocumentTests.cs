using ZonaWelfare.Abstractions.Recipes;
using ZonaWelfare.Core.Recipes;

namespace ZonaWelfare.Core.Tests;

public sealed class RecipeDocumentTests
{
    [Fact]
    public void Malformed_json_names_the_line_and_column()
    {
        const string text = "{\n  \"name\": \"x\",\n  \"displayName\": \"X\"\n  \"version\": \"1\"\n}";

        var ex = Assert.Throws<RecipeValidationException>(() => RecipeDocument.Parse(text, "bad.recipe.json"));

        var error = Assert.Single(ex.Errors);
        Assert.Equal(4, error.Line);
        Assert.Contains("riga 4", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_header_fields_are_each_reported()
    {
        var ex = Assert.Throws<RecipeValidationException>(() => RecipeDocument.Parse("""{ "name": "x", "steps": [] }""", "r"));

        Assert.Contains(ex.Errors, e => e.JsonPath == "$.displayName");
        Assert.Contains(ex.Errors, e => e.JsonPath == "$.version");
    }

    [Fact]
    public void Unknown_header_fields_and_steps_without_name_are_reported_with_lines()
    {
        const string text = """
            {
              "name": "x",
              "displayName": "X",
              "version": "1",
              "extra": true,
              "steps": [
                { "enable": [] }
              ]
            }
            """;

        var ex = Assert.Throws<RecipeValidationException>(() => RecipeDocument.Parse(text, "r"));

        Assert.Contains(ex.Errors, e => e.JsonPath == "$.extra" && e.Line == 5);
        Assert.Contains(ex.Errors, e => e.JsonPath == "$.steps[0].name" && e.Line == 7);
    }

    [Fact]
    public void Line_numbers_are_found_for_nested_paths()
    {
        const string text = """
            {
              "name": "x",
              "displayName": "X",
              "version": "1",
              "steps": [
                { "name": "features",
                  "enable": [
                    "a",
                    "b"
                  ] }
              ]
            }
            """;

        var recipe = RecipeDocument.Parse(text, "r");

        Assert.Equal(9, recipe.LineOf("$.steps[0].enable[1]"));
        Assert.Equal(6, recipe.LineOf("$.steps[0].missing"));
    }

    [Fact]
    public void Every_recipe_in_the_repository_parses()
    {
        var files = Directory.GetFiles(Testing.RepositoryPaths.Recipes, "*.recipe.json");

        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var recipe = RecipeDocument.Parse(File.ReadAllText(file), Path.GetFileName(file));
            Assert.NotEmpty(recipe.Steps);
        }
    }
}
