using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ZonaWelfare.Abstractions.Contents;
using ZonaWelfare.Abstractions.Data;
using ZonaWelfare.Abstractions.Search;
using ZonaWelfare.Modules.Search.Data;
using ZonaWelfare.Modules.Search.Indexing;
using ZonaWelfare.Modules.Search.Tests.Fakes;
using ZonaWelfare.Testing;

namespace ZonaWelfare.Modules.Search.Tests;

/// <summary>The durable indexing log: same-transaction tasks, catch-up, restarts, rebuilds, pruning, zone isolation.</summary>
public abstract class IndexingTests(StorageKind kind) : IAsyncLifetime
{
    private readonly TempFolder _storage = new();
    private TestDatabase? _database;
    private SearchHost _host = null!;

    protected StorageKind Kind { get; } = kind;

    public async Task InitializeAsync() => _host = await StartAsync();

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _storage.Dispose();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [Fact]
    public async Task Zone_a_results_never_contain_zone_b_documents()
    {
        await _host.CreateZoneAsync("zona-a");
        await _host.CreateZoneAsync("zona-b");
        await _host.PublishAsync("zona-a", TestContentModule.Service("a1", "Biblioteca comunale", "Prestito di libri."));
        await _host.PublishAsync("zona-b", TestContentModule.Service("b1", "Biblioteca dei ragazzi", "Libri per bambini."));

        var inA = await _host.SearchAsync("zona-a", "biblioteca libri");
        var inB = await _host.SearchAsync("zona-b", "biblioteca libri");
        var allA = await _host.SearchAsync("zona-a", new SearchQuery());

        Assert.Equal(["a1"], inA.Hits.Select(h => h.Id));
        Assert.Equal(["b1"], inB.Hits.Select(h => h.Id));
        Assert.Equal(["a1"], allA.Hits.Select(h => h.Id));
        Assert.Equal(["biblioteca"], await _host.SuggestAsync("zona-b", "bi"));
        Assert.Equal(["bambini"], await _host.SuggestAsync("zona-b", "ba"));
        Assert.Empty(await _host.SuggestAsync("zona-a", "ba"));
    }

    [Fact]
    public async Task Publishing_updating_unpublishing_and_removing_show_in_results_at_once()
    {
        await _host.CreateZoneAsync("zona");
        await _host.PublishAsync("zona", TestContentModule.Service("s1", "Centro diurno", "Attività per anziani."), TestContentModule.Service("s2", "Mensa", "Pasti caldi."));
        Assert.Equal(["s1"], (await _host.SearchAsync("zona", "centro")).Hits.Select(h => h.Id));

        await _host.InZoneAsync("zona", async services =>
        {
            var content = services.GetRequiredService<IContentManager>();
            var item = (await content.GetAsync("s2"))!;
            item.DisplayText = "Mensa solidale";
            await content.UpdateAsync(item);
        });
        Assert.Equal(["s2"], (await _host.SearchAsync("zona", "solidale")).Hits.Select(h => h.Id));

        await _host.InZoneAsync("zona", services => services.GetRequiredService<IContentManager>().UnpublishAsync("s1"));
        Assert.Equal(0, (await _host.SearchAsync("zona", "centro")).Total);
        Assert.Empty(await _host.SuggestAsync("zona", "centr"));

        await _host.InZoneAsync("zona", services => services.GetRequiredService<IContentManager>().PublishAsync("s1"));
        Assert.Equal(1, (await _host.SearchAsync("zona", "centro")).Total);

        await _host.InZoneAsync("zona", services => services.GetRequiredService<IContentManager>().RemoveAsync("s1"));
        Assert.Equal(0, (await _host.SearchAsync("zona", "centro")).Total);
    }

    [Fact]
    public async Task A_rolled_back_content_change_leaves_no_task_and_no_document()
    {
        await _host.CreateZoneAsync("zona");

        await _host.InZoneAsync("zona", async services =>
        {
            await using var transaction = await services.GetRequiredService<IZoneDatabase>().BeginTransactionAsync();
            await services.GetRequiredService<IContentManager>().CreateAsync(TestContentModule.Service("s1", "Centro diurno", "Attività."), publish: true);
            Assert.Equal(2, await services.GetRequiredService<SearchDbContext>().Tasks.CountAsync());
        });

        Assert.Equal(0, await IndexInspector.TaskCountAsync(_host, "zona"));
        Assert.Equal(0, (await _host.SearchAsync("zona", "centro")).Total);
    }

    [Fact]
    public async Task Stopping_mid_way_loses_nothing_the_restarted_node_matches_the_database()
    {
        var cancelAfter = new CancelAfter(70);
        await ReplaceHostAsync(services =>
        {
            services.AddSingleton<ISearchDocumentContributor>(cancelAfter);
            services.Configure<SearchOptions>(o => o.BatchSize = 25);
        });
        await _host.CreateZoneAsync("zona");
        await _host.CatchUpAsync("zona");
        await _host.PublishAsync("zona", Enumerable.Range(1, 120).Select(i => TestContentModule.Service($"s{i:000}", $"Servizio {i}", $"Descrizione del servizio numero {i}.")).ToArray());
        await _host.InZoneAsync("zona", async services =>
        {
            var content = services.GetRequiredService<IContentManager>();
            for (var i = 1; i <= 120; i += 10)
            {
                await content.UnpublishAsync($"s{i:000}");
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            _host.InZoneAsync("zona", services => services.GetRequiredService<ISearchIndexAdmin>().CatchUpAsync(cancelAfter.Token)));

        var (watermark, documents) = IndexInspector.Read(_host, "zona");
        Assert.InRange(watermark, 1, await IndexInspector.LastTaskIdAsync(_host, "zona") - 1);
        Assert.NotEqual(await IndexInspector.PublishedServicesAsync(_host, "zona"), documents.Keys);

        // The node stops (its writer closes) and starts again over the same folder and database.
        await ReplaceHostAsync();
        await _host.CatchUpAsync("zona");

        var (caughtUp, indexed) = IndexInspector.Read(_host, "zona");
        Assert.Equal(await IndexInspector.LastTaskIdAsync(_host, "zona"), caughtUp);
        Assert.Equal(await IndexInspector.PublishedServicesAsync(_host, "zona"), indexed.Keys);
        Assert.Equal(108, (await _host.SearchAsync("zona", new SearchQuery { Text = "servizio", PageSize = 1 })).Total);
    }

    [Fact]
    public async Task The_background_indexer_catches_up_without_any_search()
    {
        await _host.CreateZoneAsync("zona");
        await _host.CatchUpAsync("zona");
        var indexer = _host.Services.GetServices<IHostedService>().OfType<BackgroundIndexer>().Single();
        await indexer.StartAsync(CancellationToken.None);
        try
        {
            await _host.PublishAsync("zona", Enumerable.Range(1, 30).Select(i => TestContentModule.Service($"s{i:00}", $"Servizio {i}", "Descrizione.")).ToArray());
            var last = await IndexInspector.LastTaskIdAsync(_host, "zona");
            for (var wait = 0; wait < 200 && IndexInspector.Read(_host, "zona").Watermark < last; wait++)
            {
                await Task.Delay(50);
            }

            Assert.Equal(last, IndexInspector.Read(_host, "zona").Watermark);
            Assert.Equal(30, IndexInspector.Read(_host, "zona").Documents.Count);
        }
        finally
        {
            await indexer.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task A_rebuild_equals_the_incremental_index_and_reports_progress()
    {
        await _host.CreateZoneAsync("zona", Catalogue.Synonyms);
        await _host.CatchUpAsync("zona");
        await _host.PublishAsync("zona", Catalogue.Items());
        await _host.InZoneAsync("zona", async services =>
        {
            var content = services.GetRequiredService<IContentManager>();
            await content.UnpublishAsync("s03");
            var item = (await content.GetAsync("s05"))!;
            item.DisplayText = "Trasporto sociale accessibile";
            await content.UpdateAsync(item);
        });
        await _host.CatchUpAsync("zona");
        var incremental = IndexInspector.Read(_host, "zona");

        var reports = new List<(int Done, int Total)>();
        await _host.InZoneAsync("zona", services => services.GetRequiredService<ISearchIndexAdmin>().RebuildAsync(new SyncProgress(reports.Add)));
        var rebuilt = IndexInspector.Read(_host, "zona");

        Assert.Equal(incremental.Documents, rebuilt.Documents);
        Assert.Equal(incremental.Watermark, rebuilt.Watermark);
        Assert.Equal((10, 10), reports[^1]);
        Assert.Equal(1, (await _host.SearchAsync("zona", "accessibile")).Total);
        Assert.Single(Directory.GetDirectories(Path.Combine(_host.DataRoot, "zones", "zona", "search"), "g*"));
    }

    [Fact]
    public async Task A_rebuild_by_another_process_of_the_node_is_picked_up_by_the_running_server()
    {
        await _host.CreateZoneAsync("zona");
        await _host.PublishAsync("zona", TestContentModule.Service("s1", "Centro diurno", "Attività."));
        Assert.Equal(1, (await _host.SearchAsync("zona", "centro")).Total);
        await _host.PublishAsync("zona", TestContentModule.Service("s2", "Centro antiviolenza", "Ascolto."));
        Assert.Equal(2, (await _host.SearchAsync("zona", "centro")).Total);

        // The CLI runs beside the server over the same folder: it cannot take the server's writer, so it
        // builds a new generation and swaps the pointer.
        await using (var cli = await StartAsync())
        {
            await cli.InZoneAsync("zona", services => services.GetRequiredService<ISearchIndexAdmin>().RebuildAsync(null));
        }

        await _host.PublishAsync("zona", TestContentModule.Service("s3", "Centro per le famiglie", "Consulenza."));

        Assert.Equal(["s1", "s2", "s3"], (await _host.SearchAsync("zona", "centro")).Hits.Select(h => h.Id).Order());
        Assert.Single(Directory.GetDirectories(Path.Combine(_host.DataRoot, "zones", "zona", "search"), "g*"));
    }

    [Fact]
    public async Task Applied_tasks_are_pruned_and_ids_are_never_reused()
    {
        await ReplaceHostAsync(services => services.Configure<SearchOptions>(o => o.TaskRetention = TimeSpan.Zero));
        await _host.CreateZoneAsync("zona");
        await _host.CatchUpAsync("zona");
        await _host.PublishAsync("zona", TestContentModule.Service("s1", "Centro diurno", "Attività."), TestContentModule.Service("s2", "Mensa", "Pasti."));
        await _host.CatchUpAsync("zona");
        var last = await IndexInspector.LastTaskIdAsync(_host, "zona");

        var pruned = await _host.Services.GetRequiredService<ZoneIndexer>().PruneAsync(await _host.ZoneAsync("zona"), CancellationToken.None);

        Assert.Equal(4, pruned);
        Assert.Equal(0, await IndexInspector.TaskCountAsync(_host, "zona"));
        await _host.PublishAsync("zona", TestContentModule.Service("s3", "Telesoccorso", "Emergenze."));
        Assert.True(await IndexInspector.LastTaskIdAsync(_host, "zona") > last);
        Assert.Equal(1, (await _host.SearchAsync("zona", "telesoccorso")).Total);
    }

    [Fact]
    public async Task Zones_never_searched_open_nothing_and_idle_indexes_close()
    {
        await _host.CreateZoneAsync("zona-a");
        await _host.CreateZoneAsync("zona-b");
        var indexes = _host.Services.GetRequiredService<ZoneIndexManager>();
        Assert.Empty(indexes.OpenZones);

        await _host.SearchAsync("zona-a", "qualcosa");

        Assert.Equal(["zona-a"], indexes.OpenZones);
        Assert.False(Directory.Exists(Path.Combine(_host.DataRoot, "zones", "zona-b", "search")));
        Assert.Equal(1, indexes.CloseIdle(TimeSpan.Zero));
        Assert.Empty(indexes.OpenZones);
        Assert.Equal(0, (await _host.SearchAsync("zona-a", "qualcosa")).Total);
    }

    [Fact]
    public async Task Changing_the_synonyms_applies_at_the_next_search_without_reindexing()
    {
        await _host.CreateZoneAsync("zona");
        await _host.PublishAsync("zona", TestContentModule.Service("s1", "Centro per la terza età", "Attività."));
        Assert.Equal(0, (await _host.SearchAsync("zona", "anziani")).Total);

        await _host.Platform.Zones.ApplyAsync("zona", TestPlatform.Recipe("""
            { "name": "sinonimi", "displayName": "Sinonimi", "version": "2",
              "steps": [ { "name": "searchIndexes", "synonyms": [ [ "anziani", "terza età" ] ] } ] }
            """), "test");

        Assert.Equal(1, (await _host.SearchAsync("zona", "anziani")).Total);
    }

    [Fact]
    public async Task Searching_a_zone_without_the_search_module_is_refused()
    {
        await _host.Platform.Zones.CreateAsync("senza", TestPlatform.Recipe("""
            { "name": "senza", "displayName": "Senza", "version": "1",
              "steps": [ { "name": "zone", "displayName": "Senza ricerca", "comuni": [ "Livorno" ] }, { "name": "features", "enable": [ "contents" ] } ] }
            """), "test");
        await _host.PublishAsync("senza", TestContentModule.Service("s1", "Centro", "Attività."));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => _host.SearchAsync("senza", "centro"));
        Assert.Contains("La ricerca non è attiva", error.Message, StringComparison.Ordinal);
    }

    private async Task<SearchHost> StartAsync(Action<IServiceCollection>? configure = null)
    {
        if (Kind == StorageKind.Postgres)
        {
            _database ??= await TestPostgres.CreateDatabaseAsync();
        }

        return await SearchHost.StartAsync(Kind, _storage.Path, _database?.ConnectionString, configure);
    }

    /// <summary>Stops this node and starts it again over the same data folder and database.</summary>
    private async Task ReplaceHostAsync(Action<IServiceCollection>? configure = null)
    {
        await _host.DisposeAsync();
        _host = await StartAsync(configure);
    }

    /// <summary>Cancels a token after the indexer has built <paramref name="count"/> documents: the process "stops" mid-batch.</summary>
    private sealed class CancelAfter(int count) : ISearchDocumentContributor
    {
        private readonly CancellationTokenSource _source = new();
        private int _seen;

        public CancellationToken Token => _source.Token;

        public string ModuleId => TestContentModule.Id;

        public bool CanIndex(ContentItem item) => item.ContentType == TestContentModule.ServiceType;

        public Task ContributeAsync(ContentItem item, SearchDocument document, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _seen) == count)
            {
                _source.Cancel();
            }

            return Task.CompletedTask;
        }
    }
}

/// <summary>Reports synchronously (<see cref="Progress{T}"/> posts to the thread pool).</summary>
internal sealed class SyncProgress(Action<(int Done, int Total)> report) : IProgress<(int Done, int Total)>
{
    public void Report((int Done, int Total) value) => report(value);
}

public sealed class SqliteIndexingTests() : IndexingTests(StorageKind.Sqlite);

public sealed class PostgresIndexingTests() : IndexingTests(StorageKind.Postgres);
