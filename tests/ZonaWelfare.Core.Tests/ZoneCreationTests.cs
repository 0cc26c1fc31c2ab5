using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ZonaWelfare.Abstractions.Recipes;
using ZonaWelfare.Abstractions.Zones;
using ZonaWelfare.Core.Data;
using ZonaWelfare.Core.Storage;
using ZonaWelfare.Core.Zones;
using ZonaWelfare.Testing;
using ZonaWelfare.Testing.Modules;

namespace ZonaWelfare.Core.Tests;

/// <summary>
/// Creating zones the way production does it: a double click or two administrators at once, a process killed
/// mid-way, a recipe that claims the platform's own host name. Real parallel calls, SQLite and PostgreSQL.
/// </summary>
public abstract class ZoneCreationTests(StorageKind kind) : IAsyncLifetime
{
    private const string Recipe = """
        {
          "name": "zona-colle", "displayName": "Zona Colle", "version": "1.0.0",
          "steps": [
            { "name": "zone", "displayName": "Zona del Colle", "comuni": [ "Alto" ] },
            { "name": "features", "enable": [ "notes" ] },
            { "name": "notes", "items": [ { "id": "n1", "text": "Prima nota" }, { "id": "n2", "text": "Seconda nota" }, { "id": "n3", "text": "Terza nota" } ] }
          ]
        }
        """;

    private TestPlatform _platform = null!;

    public async Task InitializeAsync() => _platform = await TestPlatform.StartAsync(kind, [new AlphaModule(), new NotesModule()]);

    public async Task DisposeAsync() => await _platform.DisposeAsync();

    [Fact]
    public async Task Parallel_creations_of_one_slug_give_one_complete_zone_and_clear_refusals()
    {
        const int attempts = 8;
        using var start = new Barrier(attempts);
        var creations = Enumerable.Range(0, attempts).Select(_ => Task.Run(async () =>
        {
            start.SignalAndWait();
            return await _platform.Zones.CreateAsync("colle", TestPlatform.Recipe(Recipe), "test");
        })).ToList();
        var outcomes = await Task.WhenAll(creations.Select(async c =>
        {
            try
            {
                return (Result: (RecipeApplyResult?)await c, Error: (Exception?)null);
            }
            catch (ZoneOperationException ex)
            {
                return (Result: (RecipeApplyResult?)null, Error: (Exception?)ex);
            }
        }));

        Assert.Single(outcomes, o => o.Result is { Created: true });
        var refusals = outcomes.Where(o => o.Error is not null).ToList();
        Assert.Equal(attempts - 1, refusals.Count);
        Assert.All(refusals, r => Assert.IsType<ZoneExistsException>(r.Error));
        Assert.All(refusals, r => Assert.Equal("La zona «colle» esiste già: per aggiornarla applica la ricetta alla zona.", r.Error!.Message));

        // The winner's zone is whole: registered and running, its store there, every note of the recipe in it.
        var zone = await _platform.Services.GetRequiredService<ZoneRegistry>().LoadAsync("colle");
        Assert.Equal(ZoneState.Running, zone!.State);
        Assert.True(await _platform.ZoneStoreExistsAsync("colle"));
        Assert.Equal(["n1", "n2", "n3"], await NotesOfAsync(zone));
    }

    [Fact]
    public async Task A_zone_whose_creation_is_under_way_is_neither_served_nor_changed()
    {
        await ReserveAsync("in-corso", DateTime.UtcNow);

        Assert.Equal(ZoneState.Uninitialized, (await _platform.Services.GetRequiredService<ZoneRegistry>().LoadAsync("in-corso"))!.State);
        await Assert.ThrowsAsync<ZoneExistsException>(() => _platform.Zones.CreateAsync("in-corso", TestPlatform.Recipe(Recipe), "test"));
        await Assert.ThrowsAsync<ZoneNotFoundException>(() => _platform.Zones.ApplyAsync("in-corso", TestPlatform.Recipe(Recipe), "test"));
        await Assert.ThrowsAsync<ZoneNotFoundException>(() => _platform.Zones.ExportAsync("in-corso"));
        await Assert.ThrowsAsync<ZoneNotFoundException>(() => _platform.Zones.SetStateAsync("in-corso", ZoneState.Disabled));
    }

    [Fact]
    public async Task A_creation_killed_mid_way_is_discarded_on_the_next_start_and_the_slug_can_be_used_again()
    {
        // What a killed `zones create` leaves: its reservation, and a store with a half-applied recipe.
        await ReserveAsync("interrotta", DateTime.UtcNow.AddHours(-1));
        await _platform.Services.GetRequiredService<IZoneStorage>().EnsureZoneStoreAsync("interrotta", CancellationToken.None);
        // A creation that is only a few seconds old is another node's, still running: it stays.
        await ReserveAsync("recente", DateTime.UtcNow);

        var discarded = await _platform.Zones.DiscardInterruptedCreationsAsync(TimeSpan.FromMinutes(10));

        Assert.Equal(["interrotta"], discarded);
        Assert.False(await _platform.ZoneStoreExistsAsync("interrotta"));
        Assert.NotNull(await _platform.Services.GetRequiredService<ZoneRegistry>().LoadAsync("recente"));
        var created = await _platform.Zones.CreateAsync("interrotta", TestPlatform.Recipe(Recipe), "test");
        Assert.True(created.Created);
    }

    [Fact]
    public async Task A_zone_cannot_claim_a_host_name_the_platform_answers_on()
    {
        var recipe = TestPlatform.Recipe(Recipe.Replace("\"comuni\": [ \"Alto\" ] }", "\"comuni\": [ \"Alto\" ], \"hostNames\": [ \"LOCALHOST\" ] }", StringComparison.Ordinal));

        var error = await Assert.ThrowsAsync<RecipeValidationException>(() => _platform.Zones.CreateAsync("ospite", recipe, "test"));

        Assert.Contains("$.steps[0].hostNames[0]", error.Message, StringComparison.Ordinal);
        Assert.Contains("il nome host «localhost» è quello della piattaforma", error.Message, StringComparison.Ordinal);
        Assert.False(await _platform.ZoneStoreExistsAsync("ospite"));
    }

    private async Task ReserveAsync(string slug, DateTime at)
    {
        await using var db = await _platform.Services.GetRequiredService<IDbContextFactory<PlatformDbContext>>().CreateDbContextAsync();
        db.Zones.Add(new ZoneRecord { Slug = slug, DisplayName = slug, State = (int)ZoneState.Uninitialized, CreatedUtc = at, UpdatedUtc = at });
        await db.SaveChangesAsync();
        _platform.Services.GetRequiredService<ZoneRegistry>().Invalidate();
    }

    private async Task<List<string>> NotesOfAsync(ZoneDescriptor zone)
    {
        await using var scope = await _platform.Services.GetRequiredService<IZoneScopeFactory>().CreateScopeAsync(zone);
        return await scope.ServiceProvider.GetRequiredService<NotesDbContext>().Notes.OrderBy(n => n.Id).Select(n => n.Id).ToListAsync();
    }
}

public sealed class SqliteZoneCreationTests() : ZoneCreationTests(StorageKind.Sqlite);

public sealed class PostgresZoneCreationTests() : ZoneCreationTests(StorageKind.Postgres);
