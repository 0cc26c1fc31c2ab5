using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ZonaWelfare.Abstractions.Data;
using ZonaWelfare.Abstractions.Zones;
using ZonaWelfare.Testing;
using ZonaWelfare.Testing.Modules;

namespace ZonaWelfare.Core.Tests;

/// <summary>The scope's zone transaction as module contexts see it.</summary>
public abstract class ZoneDatabaseTests(StorageKind kind) : IAsyncLifetime
{
    private TestPlatform _platform = null!;

    public async Task InitializeAsync() => _platform = await TestPlatform.StartAsync(kind, [new AlphaModule(), new NotesModule()]);

    public async Task DisposeAsync() => await _platform.DisposeAsync();

    [Fact]
    public async Task One_context_joins_several_transactions_of_its_scope_one_after_the_other()
    {
        await _platform.Zones.CreateAsync("valle", TestPlatform.Recipe("""
            { "name": "valle", "displayName": "Valle", "version": "1",
              "steps": [ { "name": "zone", "displayName": "Valle", "comuni": [ "Alto" ] }, { "name": "features", "enable": [ "notes" ] } ] }
            """), "test");
        var zone = await _platform.Services.GetRequiredService<IZoneRegistry>().FindBySlugAsync("valle");
        await using var scope = await _platform.Services.GetRequiredService<IZoneScopeFactory>().CreateScopeAsync(zone!);
        var database = scope.ServiceProvider.GetRequiredService<IZoneDatabase>();
        var notes = scope.ServiceProvider.GetRequiredService<NotesDbContext>();

        await using (var first = await database.BeginTransactionAsync())
        {
            notes.Notes.Add(new Note { Id = "n1", Text = "Prima" });
            await notes.SaveChangesAsync();
            await first.CommitAsync();
        }

        await using (var rolledBack = await database.BeginTransactionAsync())
        {
            Assert.True(await notes.Notes.AnyAsync(n => n.Id == "n1"));
            notes.Notes.Add(new Note { Id = "n2", Text = "Annullata" });
            await notes.SaveChangesAsync();
        }

        notes.ChangeTracker.Clear();
        await using (var third = await database.BeginTransactionAsync())
        {
            notes.Notes.Add(new Note { Id = "n3", Text = "Terza" });
            await notes.SaveChangesAsync();
            await third.CommitAsync();
        }

        notes.Notes.Add(new Note { Id = "n4", Text = "Senza transazione" });
        await notes.SaveChangesAsync();

        Assert.Equal(["n1", "n3", "n4"], await notes.Notes.OrderBy(n => n.Id).Select(n => n.Id).ToListAsync());
    }
}

public sealed class SqliteZoneDatabaseTests() : ZoneDatabaseTests(StorageKind.Sqlite);

public sealed class PostgresZoneDatabaseTests() : ZoneDatabaseTests(StorageKind.Postgres);
