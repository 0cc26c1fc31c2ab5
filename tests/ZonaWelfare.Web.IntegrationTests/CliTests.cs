using ZonaWelfare.Abstractions.Zones;
using ZonaWelfare.Web.Cli;
using Microsoft.Extensions.DependencyInjection;

namespace ZonaWelfare.Web.IntegrationTests;

/// <summary>The host's administration commands, run in-process against the host's services.</summary>
public abstract class CliTests(ZonaWelfareApp app)
{
    [Fact]
    public async Task Zones_list_shows_the_zones_with_their_modules()
    {
        var (code, output, _) = await RunAsync("zones", "list");

        Assert.Equal(0, code);
        Assert.Contains("livornese", output, StringComparison.Ordinal);
        Assert.Contains("Area Grossetana — moduli: bussola, contents, opendata, search, users", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Zones_create_builds_a_zone_from_a_recipe_file()
    {
        var (code, output, error) = await RunAsync("zones", "create", "cli-base", "--recipe", Path.Combine(RepositoryPaths.Recipes, "zona-base.recipe.json"));

        Assert.True(code == 0, error);
        Assert.Contains("Zona «cli-base» creata", output, StringComparison.Ordinal);
        Assert.NotNull(await Registry.FindBySlugAsync("cli-base"));
    }

    [Fact]
    public async Task Zones_create_with_an_invalid_recipe_exits_non_zero_names_the_problem_and_writes_nothing()
    {
        using var folder = new TempFolder();
        var file = Path.Combine(folder.Path, "bad.recipe.json");
        await File.WriteAllTextAsync(file, """
            {
              "name": "bad",
              "displayName": "Bad",
              "version": "1",
              "steps": [
                { "name": "settings", "sections": { "site": { "tagline": [ 1 ] } } }
              ]
            }
            """);

        var (code, _, error) = await RunAsync("zones", "create", "cli-bad", "--recipe", file);

        Assert.Equal(1, code);
        Assert.Contains("nulla è stato scritto", error, StringComparison.Ordinal);
        Assert.Contains("passo 1 «settings», $.steps[0].sections.site.tagline (riga 6)", error, StringComparison.Ordinal);
        Assert.Null(await Registry.FindBySlugAsync("cli-bad"));
    }

    [Theory]
    [InlineData(new[] { "zones", "create", "x-missing", "--recipe", "/nessuna/ricetta.json" }, 1, "non esiste")]
    [InlineData(new[] { "zones", "create", "Bad Slug", "--recipe", "RECIPE" }, 1, "non è un identificativo valido")]
    [InlineData(new[] { "zones", "create", "livornese", "--recipe", "RECIPE" }, 1, "esiste già")]
    [InlineData(new[] { "zones", "create", "senza-ricetta" }, 2, "--recipe")]
    [InlineData(new[] { "recipes", "apply", "RECIPE", "--zone", "nessuna" }, 1, "La zona «nessuna» non esiste")]
    [InlineData(new[] { "zones", "export", "nessuna" }, 1, "La zona «nessuna» non esiste")]
    [InlineData(new[] { "modules", "enable", "inesistente", "--zone", "livornese" }, 1, "il modulo 'inesistente' non esiste")]
    [InlineData(new[] { "zones", "frobnicate" }, 2, "frobnicate")]
    public async Task Invalid_input_exits_non_zero_with_a_clear_message(string[] args, int expectedCode, string expectedMessage)
    {
        var recipe = Path.Combine(RepositoryPaths.Recipes, "zona-base.recipe.json");
        var (code, _, error) = await RunAsync(args.Select(a => a == "RECIPE" ? recipe : a).ToArray());

        Assert.Equal(expectedCode, code);
        Assert.Contains(expectedMessage, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_exported_zone_re_applies_cleanly_with_no_changes()
    {
        using var folder = new TempFolder();
        var file = Path.Combine(folder.Path, "grossetana.recipe.json");

        var (exportCode, _, exportError) = await RunAsync("zones", "export", "grossetana", "--output", file);
        Assert.True(exportCode == 0, exportError);

        var (code, output, error) = await RunAsync("recipes", "apply", file, "--zone", "grossetana");
        Assert.True(code == 0, error);
        Assert.Contains("nessuna modifica", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Re_applying_the_zone_recipe_changes_nothing()
    {
        var (code, output, error) = await RunAsync("recipes", "apply", Path.Combine(RepositoryPaths.Recipes, "zona-livornese.recipe.json"), "--zone", "livornese");

        Assert.True(code == 0, error);
        Assert.Contains("nessuna modifica", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Modules_enable_pulls_dependencies_and_disable_refuses_to_break_them()
    {
        await RunAsync("zones", "create", "cli-moduli", "--recipe", Path.Combine(RepositoryPaths.Recipes, "zona-base.recipe.json"));

        var (code, output, _) = await RunAsync("modules", "enable", "beta", "--zone", "cli-moduli");
        Assert.Equal(0, code);
        Assert.Contains("alpha, beta, opendata", output, StringComparison.Ordinal);

        var (refusedCode, _, error) = await RunAsync("modules", "disable", "alpha", "--zone", "cli-moduli");
        Assert.Equal(1, refusedCode);
        Assert.Contains("«Beta» (beta)", error, StringComparison.Ordinal);
    }

    private IZoneRegistry Registry => app.Services.GetRequiredService<IZoneRegistry>();

    private async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await ZonaWelfareCli.RunAsync(app.Services, args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}

public sealed class SqliteCliTests(SqliteApp app) : CliTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresCliTests(PostgresApp app) : CliTests(app), IClassFixture<PostgresApp>;
