using Microsoft.Extensions.DependencyInjection;
using ZonaWelfare.Abstractions.Contents;
using ZonaWelfare.Modules.Search.Indexing;
using ZonaWelfare.Modules.Search.Tests.Fakes;
using ZonaWelfare.Testing;

namespace ZonaWelfare.Modules.Search.Tests;

/// <summary>Two web nodes over one PostgreSQL database, each with its own local index folder.</summary>
public sealed class MultiNodeTests : IAsyncLifetime
{
    private readonly TempFolder _nodeA = new();
    private readonly TempFolder _nodeB = new();
    private TestDatabase _database = null!;
    private SearchHost _a = null!;
    private SearchHost _b = null!;

    public async Task InitializeAsync()
    {
        _database = await TestPostgres.CreateDatabaseAsync();
        _a = await SearchHost.StartAsync(StorageKind.Postgres, _nodeA.Path, _database.ConnectionString, NoTaskRetention);
        _b = await SearchHost.StartAsync(StorageKind.Postgres, _nodeB.Path, _database.ConnectionString, NoTaskRetention);
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        _nodeA.Dispose();
        _nodeB.Dispose();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Each_node_catches_up_its_own_index_from_the_shared_task_table()
    {
        await _a.CreateZoneAsync("zona", Catalogue.Synonyms);
        await _a.PublishAsync("zona", Catalogue.Items());

        // Node B has never seen the zone: it builds its index from the database on first search.
        Assert.Equal(4, (await _b.SearchAsync("zona", "anziani")).Total);

        await _a.InZoneAsync("zona", services => services.GetRequiredService<IContentManager>().UnpublishAsync("s09"));
        await _a.PublishAsync("zona", TestContentModule.Service("s11", "Gruppo di cammino", "Passeggiate per anziani attivi."));

        Assert.Equal(["s01", "s02", "s03", "s11"], (await _b.SearchAsync("zona", "anziani")).Hits.Select(h => h.Id).Order());
        Assert.Equal(["s01", "s02", "s03", "s11"], (await _a.SearchAsync("zona", "anziani")).Hits.Select(h => h.Id).Order());
        Assert.Equal(IndexInspector.Read(_a, "zona").Documents, IndexInspector.Read(_b, "zona").Documents);
    }

    [Fact]
    public async Task A_node_whose_tasks_were_pruned_while_it_was_away_rebuilds()
    {
        await _a.CreateZoneAsync("zona");
        await _a.PublishAsync("zona", TestContentModule.Service("s1", "Centro diurno", "Attività."));
        Assert.Equal(1, (await _b.SearchAsync("zona", "centro")).Total);

        // B goes away; meanwhile A indexes new changes and prunes tasks B had not applied.
        await _b.DisposeAsync();
        await _a.PublishAsync("zona", TestContentModule.Service("s2", "Centro antiviolenza", "Ascolto."));
        await _a.InZoneAsync("zona", services => services.GetRequiredService<IContentManager>().UnpublishAsync("s1"));
        await _a.CatchUpAsync("zona");
        var zone = await _a.ZoneAsync("zona");
        Assert.True(await _a.Services.GetRequiredService<ZoneIndexer>().PruneAsync(zone, CancellationToken.None) > 0);
        Assert.Equal(0, await IndexInspector.TaskCountAsync(_a, "zona"));

        _b = await SearchHost.StartAsync(StorageKind.Postgres, _nodeB.Path, _database.ConnectionString, NoTaskRetention);

        Assert.Equal(["s2"], (await _b.SearchAsync("zona", "centro")).Hits.Select(h => h.Id));
    }

    /// <summary>Prune as soon as tasks are applied, and forget nodes at once, so pruning outruns node B.</summary>
    private static void NoTaskRetention(IServiceCollection services) =>
        services.Configure<SearchOptions>(o => (o.TaskRetention, o.NodeRetention) = (TimeSpan.Zero, TimeSpan.Zero));
}
