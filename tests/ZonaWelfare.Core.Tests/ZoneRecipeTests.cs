using Microsoft.Extensions.DependencyInjection;
using ZonaWelfare.Abstractions.Recipes;
using ZonaWelfare.Abstractions.Zones;
using ZonaWelfare.Core.Zones;
using ZonaWelfare.Testing;
using ZonaWelfare.Testing.Modules;

namespace ZonaWelfare.Core.Tests;

/// <summary>Zones and recipes over real storage; runs once on SQLite and once on PostgreSQL.</summary>
public abstract class ZoneRecipeTests(StorageKind kind) : IAsyncLifetime
{
    private const string ValleRecipe = """
        {
          "name": "zona-valle",
          "displayName": "Zona Valle",
          "version": "1.0.0",
          "steps": [
            { "name": "zone", "displayName": "Zona della Valle", "comuni": [ "Alto", "Basso" ], "hostNames": [ "valle.example.org" ] },
            { "name": "features", "enable": [ "notes" ] },
            { "name": "settings", "sections": { "site": { "organization": "Società della Salute della Valle", "tagline": "Prova" } } },
            { "name": "notes", "items": [ { "id": "n1", "text": "Prima nota" }, { "id": "n2", "text": "Seconda nota" } ] }
          ]
        }
        """;

    private TestPlatform _platform = null!;

    public async Task InitializeAsync() =>
        _platform = await TestPlatform.StartAsync(kind, [new AlphaModule(), new BetaModule(), new NotesModule()], services => services.AddSingleton<IRecipeStep, ExplodingStep>());

    public async Task DisposeAsync() => await _platform.DisposeAsync();

    [Fact]
    public async Task Creating_a_zone_applies_every_step_and_pulls_in_module_dependencies()
    {
        var result = await _platform.Zones.CreateAsync("valle", TestPlatform.Recipe(ValleRecipe), "test");

        Assert.True(result.Created);
        var zone = await Registry.FindBySlugAsync("valle");
        Assert.NotNull(zone);
        Assert.Equal("Zona della Valle", zone.DisplayName);
        Assert.Equal(["Alto", "Basso"], zone.Comuni);
        Assert.Equal(["valle.example.org"], zone.HostNames);
        Assert.Equal(["alpha", "notes"], zone.EnabledModules);
        Assert.Equal(ZoneState.Running, zone.State);
        Assert.Equal(["n1", "n2"], await NotesOf(zone));
    }

    [Fact]
    public async Task Re_applying_the_same_recipe_changes_nothing()
    {
        await _platform.Zones.CreateAsync("valle", TestPlatform.Recipe(ValleRecipe), "test");
        var before = await _platform.DumpZoneAsync("valle");

        var result = await _platform.Zones.ApplyAsync("valle", TestPlatform.Recipe(ValleRecipe), "test");

        Assert.Empty(result.Changes);
        Assert.Equal(before, await _platform.DumpZoneAsync("valle"));
    }

    [Fact]
    public async Task Applying_a_changed_recipe_updates_in_place_without_duplicates()
    {
        await _platform.Zones.CreateAsync("valle", TestPlatform.Recipe(ValleRecipe), "test");
        var changed = ValleRecipe.Replace("Seconda nota", "Seconda nota, rivista", StringComparison.Ordinal).Replace("\"Prova\"", "\"Nuovo motto\"", StringComparison.Ordinal);

        var result = await _platform.Zones.ApplyAsync("valle", TestPlatform.Recipe(changed), "test");

        Assert.Equal(["impostazioni «site»", "nota n2"], result.Changes);
        var zone = await Registry.FindBySlugAsync("valle");
        Assert.Equal(["n1", "n2"], await NotesOf(zone!));
    }

    public static TheoryData<string, string, int?, string, string> InvalidRecipes => new()
    {
        // step JSON, expected path, expected step number, expected words in the message, description
        { """{ "name": "unknown-step" }""", "$.steps[0].name", 1, "passo sconosciuto 'unknown-step'", "unknown step" },
        { """{ "name": "features", "enable": [ "alpha", "ghost" ] }""", "$.steps[0].enable[1]", 1, "il modulo 'ghost' non esiste", "unknown module" },
        { """{ "name": "zone", "comuni": [ "Alto" ] }""", "$.steps[0]", 1, "displayName", "missing field" },
        { """{ "name": "zone", "displayName": "X", "comuni": [ "Alto", "Alto" ] }""", "$.steps[0].comuni[1]", 1, "compare due volte", "duplicate comune" },
        { """{ "name": "features", "enable": [ "alpha" ], "typo": 1 }""", "$.steps[0].typo", 1, "campo sconosciuto 'typo'", "unknown field" },
        { """{ "name": "settings", "sections": { "site": { "tagline": 42 } } }""", "$.steps[0].sections.site.tagline", 1, "valore non valido", "wrong type in a settings section" },
        { """{ "name": "settings", "sections": { "colors": { } } }""", "$.steps[0].sections.colors", 1, "sezione di impostazioni sconosciuta 'colors'", "unknown settings section" },
        { """{ "name": "settings", "sections": { "theme": { "primaryColor": "blu" } } }""", "$.steps[0].sections.theme.primaryColor", 1, "colore non valido: usare la forma #RRGGBB", "colour not written as #RRGGBB" },
        { """{ "name": "settings", "sections": { "theme": { "logoText": "Troppo lungo" } } }""", "$.steps[0].sections.theme.logoText", 1, "al massimo 8 caratteri", "logo text too long" },
        { """{ "name": "notes", "items": [ { "id": "n9", "text": "x" } ] }""", "$.steps[0].name", 1, "appartiene al modulo 'notes', che non è attivo", "step of a module not enabled" },
    };

    [Theory]
    [MemberData(nameof(InvalidRecipes))]
    public async Task An_invalid_step_gets_a_specific_error_and_the_zone_is_unchanged(string step, string path, int? stepNumber, string message, string because)
    {
        await _platform.Zones.CreateAsync("valle", TestPlatform.Recipe(ValleRecipe.Replace("\"notes\" ] }", "\"alpha\" ] }", StringComparison.Ordinal).Replace("""{ "name": "notes", "items": [ { "id": "n1", "text": "Prima nota" }, { "id": "n2", "text": "Seconda nota" } ] }""", """{ "name": "settings", "sections": { } }""", StringComparison.Ordinal)), "test");
        var before = await _platform.DumpZoneAsync("valle");
        var recipe = TestPlatform.Recipe($$"""{ "name": "bad", "displayName": "Bad", "version": "1", "steps": [ {{step}} ] }""");

        var ex = await Assert.ThrowsAsync<RecipeValidationException>(() => _platform.Zones.ApplyAsync("valle", recipe, "test"));

        var error = Assert.Single(ex.Errors);
        Assert.True(error.JsonPath == path, $"{because}: path {error.JsonPath}, expected {path}");
        Assert.Equal(stepNumber, error.StepNumber);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.NotNull(error.Line);
        Assert.Equal(before, await _platform.DumpZoneAsync("valle"));
    }

    [Fact]
    public async Task Every_error_of_a_recipe_is_reported_at_once_with_its_step_and_line()
    {
        const string text = """
            {
              "name": "bad",
              "displayName": "Bad",
              "version": "1",
              "steps": [
                { "name": "features", "enable": [ "ghost" ] },
                { "name": "zone", "displayName": "", "comuni": [] },
                { "name": "nope" }
              ]
            }
            """;

        var ex = await Assert.ThrowsAsync<RecipeValidationException>(() => _platform.Zones.CreateAsync("valle", TestPlatform.Recipe(text), "test"));

        Assert.Contains(ex.Errors, e => e is { StepNumber: 1, StepName: "features", JsonPath: "$.steps[0].enable[0]", Line: 6 });
        Assert.Contains(ex.Errors, e => e is { StepNumber: 2, JsonPath: "$.steps[1].displayName", Line: 7 });
        Assert.Contains(ex.Errors, e => e is { StepNumber: 3, JsonPath: "$.steps[2].name", Line: 8 });
        Assert.StartsWith("passo 1 «features», $.steps[0].enable[0] (riga 6):", ex.Errors[0].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_recipe_for_a_new_zone_leaves_nothing_behind()
    {
        var bad = ValleRecipe.Replace("\"Prima nota\"", "\"\"", StringComparison.Ordinal);

        await Assert.ThrowsAsync<RecipeValidationException>(() => _platform.Zones.CreateAsync("valle", TestPlatform.Recipe(bad), "test"));

        Assert.Null(await Registry.FindBySlugAsync("valle"));
        Assert.False(await _platform.ZoneStoreExistsAsync("valle"));
    }

    [Fact]
    public async Task A_failure_while_writing_rolls_back_every_step_of_an_existing_zone()
    {
        await _platform.Zones.CreateAsync("valle", TestPlatform.Recipe(ValleRecipe), "test");
        var before = await _platform.DumpZoneAsync("valle");
        var failing = ValleRecipe
            .Replace("Prima nota", "Cambiata", StringComparison.Ordinal)
            .Replace("\"steps\": [", "\"steps\": [ { \"name\": \"features\", \"enable\": [ \"beta\" ] }, ", StringComparison.Ordinal)
            .Replace("] }\n  ]", "] },\n    { \"name\": \"explode\" }\n  ]", StringComparison.Ordinal);
        Assert.Contains("explode", failing, StringComparison.Ordinal);

        await Assert.ThrowsAsync<InvalidOperationException>(() => _platform.Zones.ApplyAsync("valle", TestPlatform.Recipe(failing), "test"));

        Assert.Equal(before, await _platform.DumpZoneAsync("valle"));
    }

    [Fact]
    public async Task A_failure_while_writing_a_new_zone_leaves_nothing_behind()
    {
        var failing = ValleRecipe.Replace("] }\n  ]", "] },\n    { \"name\": \"explode\" }\n  ]", StringComparison.Ordinal);

        await Assert.ThrowsAsync<InvalidOperationException>(() => _platform.Zones.CreateAsync("valle", TestPlatform.Recipe(failing), "test"));

        Assert.Null(await Registry.FindBySlugAsync("valle"));
        Assert.False(await _platform.ZoneStoreExistsAsync("valle"));
    }

    [Fact]
    public async Task A_host_name_claimed_by_another_zone_is_refused()
    {
        await _platform.Zones.CreateAsync("valle", TestPlatform.Recipe(ValleRecipe), "test");
        var other = ValleRecipe.Replace("Zona della Valle", "Altra", StringComparison.Ordinal);

        var ex = await Assert.ThrowsAsync<RecipeValidationException>(() => _platform.Zones.CreateAsync("altra", TestPlatform.Recipe(other), "test"));

        Assert.Contains(ex.Errors, e => e.JsonPath == "$.steps[0].hostNames[0]" && e.Message.Contains("zona 'valle'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_recipe_for_another_slug_is_refused()
    {
        var recipe = TestPlatform.Recipe("""{ "name": "r", "displayName": "R", "version": "1", "steps": [ { "name": "zone", "slug": "livornese", "displayName": "L", "comuni": [ "Livorno" ] } ] }""");

        var ex = await Assert.ThrowsAsync<RecipeValidationException>(() => _platform.Zones.CreateAsync("valle", recipe, "test"));

        Assert.Contains(ex.Errors, e => e.JsonPath == "$.steps[0].slug");
    }

    [Theory]
    [InlineData("Valle")]
    [InlineData("admin")]
    [InlineData("api")]
    [InlineData("v")]
    [InlineData("con spazio")]
    public async Task Invalid_or_reserved_slugs_are_refused(string slug)
    {
        await Assert.ThrowsAsync<ZoneOperationException>(() => _platform.Zones.CreateAsync(slug, TestPlatform.Recipe(ValleRecipe.Replace("\"valle.example.org\"", "", StringComparison.Ordinal)), "test"));
    }

    [Fact]
    public async Task A_zone_cannot_be_created_twice()
    {
        await _platform.Zones.CreateAsync("valle", TestPlatform.Recipe(ValleRecipe), "test");

        var ex = await Assert.ThrowsAsync<ZoneExistsException>(() => _platform.Zones.CreateAsync("valle", TestPlatform.Recipe(ValleRecipe), "test"));

        Assert.Contains("esiste già", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_exported_zone_re_applies_cleanly_and_exports_the_same()
    {
        await _platform.Zones.CreateAsync("valle", TestPlatform.Recipe(ValleRecipe), "test");
        var exported = ZoneManager.Serialize(await _platform.Zones.ExportAsync("valle"));
        var before = await _platform.DumpZoneAsync("valle");

        var result = await _platform.Zones.ApplyAsync("valle", TestPlatform.Recipe(exported), "test");

        Assert.Empty(result.Changes);
        Assert.Equal(before.Split('\n').Where(l => !l.Contains("zona-valle", StringComparison.Ordinal)), (await _platform.DumpZoneAsync("valle")).Split('\n').Where(l => !l.Contains("zona-valle", StringComparison.Ordinal)));
        Assert.Equal(exported, ZoneManager.Serialize(await _platform.Zones.ExportAsync("valle")));
        Assert.Contains("\"Seconda nota\"", exported, StringComparison.Ordinal);
        Assert.Contains("valle.example.org", exported, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_exported_zone_recreates_an_equal_zone_elsewhere()
    {
        await _platform.Zones.CreateAsync("valle", TestPlatform.Recipe(ValleRecipe.Replace("\"valle.example.org\"", "", StringComparison.Ordinal)), "test");
        var exported = await _platform.Zones.ExportAsync("valle");
        exported["steps"]![0]!.AsObject().Remove("slug");

        await _platform.Zones.CreateAsync("copia", TestPlatform.Recipe(ZoneManager.Serialize(exported)), "test");

        var copy = await _platform.Zones.ExportAsync("copia");
        Assert.Equal("copia", (string?)copy["steps"]![0]!["slug"]);
        copy["steps"]![0]!.AsObject().Remove("slug");
        Assert.Equal(ZoneManager.Serialize(exported), ZoneManager.Serialize(copy));
    }

    [Fact]
    public async Task A_zone_made_without_a_zone_step_exports_and_re_applies_cleanly()
    {
        await _platform.Zones.CreateAsync("nuda", TestPlatform.Recipe("""{ "name": "n", "displayName": "N", "version": "1", "steps": [ { "name": "features", "enable": [ "alpha" ] } ] }"""), "test");
        var exported = ZoneManager.Serialize(await _platform.Zones.ExportAsync("nuda"));

        var result = await _platform.Zones.ApplyAsync("nuda", TestPlatform.Recipe(exported), "test");

        Assert.Contains("\"comuni\": []", exported, StringComparison.Ordinal);
        Assert.Empty(result.Changes);
    }

    [Fact]
    public async Task Disabling_a_module_that_an_enabled_one_needs_is_refused_naming_both()
    {
        await _platform.Zones.CreateAsync("valle", TestPlatform.Recipe(ValleRecipe), "test");

        var change = await _platform.Zones.ChangeModulesAsync("valle", [], ["alpha"]);

        Assert.False(change.Succeeded);
        Assert.Contains("«Alfa» (alpha)", change.Errors[0], StringComparison.Ordinal);
        Assert.Contains("«Note» (notes)", change.Errors[0], StringComparison.Ordinal);
        Assert.Equal(["alpha", "notes"], (await Registry.FindBySlugAsync("valle"))!.EnabledModules);
    }

    [Fact]
    public async Task Enabling_a_module_later_runs_its_migrations_and_pulls_dependencies()
    {
        await _platform.Zones.CreateAsync("base", TestPlatform.Recipe("""{ "name": "b", "displayName": "B", "version": "1", "steps": [ { "name": "features" } ] }"""), "test");

        var change = await _platform.Zones.ChangeModulesAsync("base", ["notes"], []);

        Assert.True(change.Succeeded);
        var zone = await Registry.FindBySlugAsync("base");
        Assert.Equal(["alpha", "notes"], zone!.EnabledModules);
        Assert.Empty(await NotesOf(zone));
    }

    [Fact]
    public async Task Data_written_in_one_zone_is_invisible_from_another()
    {
        await _platform.Zones.CreateAsync("valle", TestPlatform.Recipe(ValleRecipe), "test");
        await _platform.Zones.CreateAsync("monte", TestPlatform.Recipe("""{ "name": "m", "displayName": "M", "version": "1", "steps": [ { "name": "features", "enable": [ "notes" ] } ] }"""), "test");

        Assert.Equal(["n1", "n2"], await NotesOf((await Registry.FindBySlugAsync("valle"))!));
        Assert.Empty(await NotesOf((await Registry.FindBySlugAsync("monte"))!));
    }

    private ZoneRegistry Registry
    {
        get
        {
            var registry = _platform.Services.GetRequiredService<ZoneRegistry>();
            registry.Invalidate();
            return registry;
        }
    }

    private async Task<List<string>> NotesOf(ZoneDescriptor zone)
    {
        await using var scope = await _platform.Services.GetRequiredService<IZoneScopeFactory>().CreateScopeAsync(zone);
        var db = scope.ServiceProvider.GetRequiredService<NotesDbContext>();
        return db.Notes.OrderBy(n => n.Id).Select(n => n.Id).ToList();
    }

    /// <summary>A step that validates and then fails while writing: the recipe must roll back.</summary>
    private sealed class ExplodingStep : RecipeStep<ExplodingStep.Model>
    {
        public override string Name => "explode";

        internal sealed record Model;

        protected override Task ValidateAsync(Model model, RecipeValidationContext context, CancellationToken cancellationToken) => Task.CompletedTask;

        protected override Task ApplyAsync(Model model, RecipeApplyContext context, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("Simulated failure while writing.");
    }
}

public sealed class SqliteZoneRecipeTests() : ZoneRecipeTests(StorageKind.Sqlite);

public sealed class PostgresZoneRecipeTests() : ZoneRecipeTests(StorageKind.Postgres);
