using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ZonaWelfare.Abstractions.Zones;
using ZonaWelfare.Testing;
using ZonaWelfare.Testing.Modules;

namespace ZonaWelfare.Core.Tests;

/// <summary>The one way to run work in a zone: a scope whose zone is set, activated first unless asked not to be.</summary>
public abstract class ZoneScopeFactoryTests(StorageKind kind) : IAsyncLifetime
{
    private TestPlatform _platform = null!;

    public async Task InitializeAsync() => _platform = await TestPlatform.StartAsync(kind, [new AlphaModule(), new NotesModule()]);

    public async Task DisposeAsync() => await _platform.DisposeAsync();

    private IZoneScopeFactory Factory => _platform.Services.GetRequiredService<IZoneScopeFactory>();

    [Fact]
    public async Task A_scope_for_a_zone_not_activated_yet_activates_it_first()
    {
        var zone = Zone("nuova");

        await using var scope = await Factory.CreateScopeAsync(zone);

        Assert.Same(zone, scope.Zone);
        Assert.Equal("nuova", scope.ServiceProvider.GetRequiredService<IZoneContext>().Current.Slug);
        // Its store and the tables of its modules exist now.
        Assert.Empty(await scope.ServiceProvider.GetRequiredService<NotesDbContext>().Notes.ToListAsync());
    }

    [Fact]
    public async Task An_unactivated_scope_sees_the_store_as_it_is_and_migrates_nothing()
    {
        await using (var scope = Factory.CreateUnactivatedScope(Zone("grezza")))
        {
            await Assert.ThrowsAnyAsync<Exception>(() => scope.ServiceProvider.GetRequiredService<NotesDbContext>().Notes.ToListAsync());
        }

        // A second scope of the same zone is activated now: the first one did not mark it done.
        await using var activated = await Factory.CreateScopeAsync(Zone("grezza"));
        Assert.Empty(await activated.ServiceProvider.GetRequiredService<NotesDbContext>().Notes.ToListAsync());
    }

    [Fact]
    public async Task Scopes_of_two_zones_are_independent_and_a_disposed_scope_is_unusable()
    {
        var first = await Factory.CreateScopeAsync(Zone("prima"));
        await using (var second = await Factory.CreateScopeAsync(Zone("seconda")))
        {
            first.ServiceProvider.GetRequiredService<NotesDbContext>().Notes.Add(new Note { Id = "n1", Text = "Solo nella prima" });
            await first.ServiceProvider.GetRequiredService<NotesDbContext>().SaveChangesAsync();
            Assert.Empty(await second.ServiceProvider.GetRequiredService<NotesDbContext>().Notes.ToListAsync());
        }

        await first.DisposeAsync();
        Assert.Throws<ObjectDisposedException>(() => first.ServiceProvider.GetRequiredService<IZoneContext>());
    }

    private static ZoneDescriptor Zone(string slug) => new(
        slug, slug, ZoneState.Running, [], [], new SortedSet<string>(["alpha", "notes"], StringComparer.Ordinal), null, null, DateTime.UtcNow, DateTime.UtcNow);
}

public sealed class SqliteZoneScopeFactoryTests() : ZoneScopeFactoryTests(StorageKind.Sqlite);

public sealed class PostgresZoneScopeFactoryTests() : ZoneScopeFactoryTests(StorageKind.Postgres);
