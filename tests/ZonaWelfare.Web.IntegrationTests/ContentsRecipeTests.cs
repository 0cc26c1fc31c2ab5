using ZonaWelfare.Core.Recipes;

namespace ZonaWelfare.Web.IntegrationTests;

/// <summary>The shipped recipes' content steps through the host: idempotent, and their pages exported back.</summary>
public sealed class ContentsRecipeTests(ContentsSqliteApp app) : IClassFixture<ContentsSqliteApp>
{
    [Theory]
    [InlineData("livornese")]
    [InlineData("grossetana")]
    public async Task Re_applying_a_zone_recipe_with_pages_changes_nothing(string zone)
    {
        var path = Path.Combine(RepositoryPaths.Recipes, $"zona-{zone}.recipe.json");
        var recipe = RecipeDocument.Parse(await File.ReadAllTextAsync(path), path);

        var result = await app.Zones.ApplyAsync(zone, recipe, "test");

        Assert.Empty(result.Changes);
    }

    [Fact]
    public async Task The_content_step_recreates_a_page_removed_in_the_admin_without_duplicating_it()
    {
        var client = await app.PlatformAdminAsync();
        var editor = await client.GetStringAsync("/grossetana/admin/contents/grossetana-programmiamo-insieme-la-salute/edit");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, (await client.PostAsync("/grossetana/admin/contents/grossetana-programmiamo-insieme-la-salute/delete", ContentsForms.Form(editor))).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await app.Client().GetAsync("/grossetana/programmiamo-insieme-la-salute")).StatusCode);

        var path = Path.Combine(RepositoryPaths.Recipes, "zona-grossetana.recipe.json");
        var result = await app.Zones.ApplyAsync("grossetana", RecipeDocument.Parse(await File.ReadAllTextAsync(path), path), "test");

        Assert.Equal(["contenuto «Programmiamo Insieme la Salute»"], result.Changes);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await app.Client().GetAsync("/grossetana/programmiamo-insieme-la-salute")).StatusCode);
        Assert.Empty((await app.Zones.ApplyAsync("grossetana", RecipeDocument.Parse(await File.ReadAllTextAsync(path), path), "test")).Changes);
    }
}
