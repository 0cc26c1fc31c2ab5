using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using ZonaWelfare.Abstractions.Contents;
using ZonaWelfare.Abstractions.Search;
using ZonaWelfare.Web.Cli;

namespace ZonaWelfare.Web.IntegrationTests;

/// <summary><c>search rebuild</c> in the shipped host, with a stand-in content source.</summary>
public abstract class SearchCliTests(SearchCliApp app)
{
    [Fact]
    public async Task Search_rebuild_rebuilds_the_zone_index_and_reports_progress()
    {
        await app.CreateZoneAsync("cli-ricerca", """
            { "name": "cli-ricerca", "displayName": "Ricerca", "version": "1",
              "steps": [ { "name": "zone", "displayName": "Zona con ricerca", "comuni": [ "Livorno" ] },
                         { "name": "features", "enable": [ "search", "notes" ] },
                         { "name": "searchIndexes", "synonyms": [ [ "anziani", "terza età" ] ] } ] }
            """);

        var (code, output, error) = await RunAsync("search", "rebuild", "--zone", "cli-ricerca");

        Assert.True(code == 0, error);
        Assert.Contains("Indicizzati 0/3", output, StringComparison.Ordinal);
        Assert.Contains("Indicizzati 3/3", output, StringComparison.Ordinal);
        Assert.Contains("Indice di ricerca della zona «cli-ricerca» ricostruito: 3 contenuti letti.", output, StringComparison.Ordinal);
        var results = await app.InZoneAsync("cli-ricerca", s => s.GetRequiredService<ISearchService>().SearchAsync(new SearchQuery { Text = "anziani" }));
        Assert.Equal(["c1", "c3"], results.Hits.Select(h => h.Id).Order());
    }

    [Theory]
    [InlineData(new[] { "search", "rebuild", "--zone", "nessuna" }, 1, "La zona «nessuna» non esiste")]
    [InlineData(new[] { "search", "rebuild" }, 2, "--zone")]
    [InlineData(new[] { "search", "frobnicate" }, 2, "frobnicate")]
    public async Task Invalid_input_exits_non_zero_with_a_clear_message(string[] args, int expectedCode, string expectedMessage)
    {
        var (code, _, error) = await RunAsync(args);

        Assert.Equal(expectedCode, code);
        Assert.Contains(expectedMessage, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rebuild_in_a_zone_without_search_exits_non_zero_with_a_clear_message()
    {
        await app.CreateZoneAsync("cli-senza-ricerca", """{ "name": "s", "displayName": "S", "version": "1", "steps": [ { "name": "features", "enable": [ "opendata" ] } ] }""");

        var (code, _, error) = await RunAsync("search", "rebuild", "--zone", "cli-senza-ricerca");

        Assert.Equal(1, code);
        Assert.Contains("La ricerca non è attiva nella zona 'cli-senza-ricerca'", error, StringComparison.Ordinal);
    }

    private async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await ZonaWelfareCli.RunAsync(app.Services, args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}

/// <summary>The host with a stand-in for the Contents module: three published items, indexed by a contributor of the notes module.</summary>
public abstract class SearchCliApp(StorageKind kind) : ZonaWelfareApp(kind)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.AddScoped<IContentQuery, ThreeItems>();
            services.AddScoped<IContentManager, NoContentManager>();
            services.AddSingleton<ISearchDocumentContributor, TitleContributor>();
        });
    }

    private sealed class ThreeItems : IContentQuery
    {
        private static readonly ContentItem[] Items =
        [
            Item("c1", "Centro per anziani"),
            Item("c2", "Sportello famiglie"),
            Item("c3", "Università della terza età"),
        ];

        public async IAsyncEnumerable<ContentItem> ListPublishedAsync(IReadOnlyCollection<string>? contentTypes = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            foreach (var item in Items)
            {
                await Task.Yield();
                yield return item;
            }
        }

        public Task<int> CountPublishedAsync(IReadOnlyCollection<string>? contentTypes = null, CancellationToken cancellationToken = default) => Task.FromResult(Items.Length);

        public Task<IReadOnlyList<ContentItemSummary>> FindAsync(IReadOnlyCollection<string> contentTypes, string? text, int take, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<(int Total, IReadOnlyList<ContentItem> Items)> ListPublishedPageAsync(IReadOnlyCollection<string> contentTypes, string? text, int skip, int take, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        private static ContentItem Item(string id, string title) => new()
        {
            ContentItemId = id,
            ContentItemVersionId = id,
            ContentType = "Servizio",
            DisplayText = title,
            Published = true,
            ModifiedUtc = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc),
            Content = new JsonObject(),
        };
    }

    /// <summary>No content changes in these tests: nothing is ever loaded one by one.</summary>
    private sealed class NoContentManager : IContentManager
    {
        public Task<ContentItem> NewAsync(string contentType, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<ContentItem?> GetAsync(string contentItemId, VersionOptions options = VersionOptions.Published, CancellationToken cancellationToken = default) => Task.FromResult<ContentItem?>(null);

        public Task<IReadOnlyList<ContentItem>> GetManyAsync(IEnumerable<string> contentItemIds, VersionOptions options = VersionOptions.Published, CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<ContentItem>>([]);

        public Task<ContentItem> CreateAsync(ContentItem item, bool publish, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<ContentItem> UpdateAsync(ContentItem item, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<ContentItem> PublishAsync(string contentItemId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task UnpublishAsync(string contentItemId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task RemoveAsync(string contentItemId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<IReadOnlyList<ContentItem>> GetVersionsAsync(string contentItemId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<ContentItem> RestoreAsync(string contentItemVersionId, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }

    private sealed class TitleContributor : ISearchDocumentContributor
    {
        public string ModuleId => "notes";

        public bool CanIndex(ContentItem item) => item.ContentType == "Servizio";

        public Task ContributeAsync(ContentItem item, SearchDocument document, CancellationToken cancellationToken)
        {
            document.AddText("title", item.DisplayText, 2f);
            return Task.CompletedTask;
        }
    }
}

public sealed class SqliteSearchCliApp() : SearchCliApp(StorageKind.Sqlite);

public sealed class PostgresSearchCliApp() : SearchCliApp(StorageKind.Postgres);

public sealed class SqliteSearchCliTests(SqliteSearchCliApp app) : SearchCliTests(app), IClassFixture<SqliteSearchCliApp>;

public sealed class PostgresSearchCliTests(PostgresSearchCliApp app) : SearchCliTests(app), IClassFixture<PostgresSearchCliApp>;
