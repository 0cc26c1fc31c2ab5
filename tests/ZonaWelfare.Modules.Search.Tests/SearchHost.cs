using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ZonaWelfare.Abstractions.Contents;
using ZonaWelfare.Abstractions.Search;
using ZonaWelfare.Abstractions.Zones;
using ZonaWelfare.Core.Storage;
using ZonaWelfare.Modules.Search.Tests.Fakes;
using ZonaWelfare.Testing;

namespace ZonaWelfare.Modules.Search.Tests;

/// <summary>
/// The platform with the Search module and the test content module over real storage. Several hosts can
/// share storage: the same data folder (a restarted node) or only the PostgreSQL database (another node).
/// </summary>
public sealed class SearchHost : IAsyncDisposable
{
    private SearchHost(TestPlatform platform) => Platform = platform;

    public TestPlatform Platform { get; }

    public IServiceProvider Services => Platform.Services;

    public StorageKind Kind => Platform.Kind;

    public string DataRoot => Platform.DataRoot;

    /// <summary>A host with its own storage; or over <paramref name="dataPath"/> and <paramref name="postgres"/> when given.</summary>
    public static async Task<SearchHost> StartAsync(StorageKind kind, string? dataPath = null, string? postgres = null, Action<IServiceCollection>? configure = null)
    {
        var platform = await TestPlatform.StartAsync(kind, [new SearchModule(), new TestContentModule()], services =>
        {
            if (dataPath is not null || postgres is not null)
            {
                services.Configure<StorageOptions>(o =>
                {
                    o.DataPath = dataPath ?? o.DataPath;
                    o.PostgresConnectionString = postgres ?? o.PostgresConnectionString;
                });
            }

            // Tests drive the indexer explicitly; the background service is tested on its own.
            services.Configure<SearchOptions>(o => o.PollInterval = TimeSpan.FromMilliseconds(50));
            configure?.Invoke(services);
        });
        return new SearchHost(platform);
    }

    public string? PostgresConnectionString => Services.GetRequiredService<IOptions<StorageOptions>>().Value.PostgresConnectionString;

    /// <summary>Creates a zone with search and the test contents enabled, and the given synonym groups.</summary>
    public async Task<ZoneDescriptor> CreateZoneAsync(string slug, string synonymsJson = "[]")
    {
        await Platform.Zones.CreateAsync(slug, TestPlatform.Recipe($$"""
            {
              "name": "zona-{{slug}}",
              "displayName": "Zona {{slug}}",
              "version": "1.0.0",
              "steps": [
                { "name": "zone", "displayName": "Zona {{slug}}", "comuni": [ "Livorno", "Collesalvetti" ] },
                { "name": "features", "enable": [ "search", "contents" ] },
                { "name": "searchIndexes", "synonyms": {{synonymsJson}} }
              ]
            }
            """), "test");
        return await ZoneAsync(slug);
    }

    public async Task<ZoneDescriptor> ZoneAsync(string slug) =>
        await Services.GetRequiredService<IZoneRegistry>().FindBySlugAsync(slug) ?? throw new InvalidOperationException($"No zone {slug}.");

    /// <summary>Runs <paramref name="work"/> in a scope of the zone, as a request or job would.</summary>
    public async Task<T> InZoneAsync<T>(string slug, Func<IServiceProvider, Task<T>> work)
    {
        var zone = await ZoneAsync(slug);
        await using var scope = await Services.GetRequiredService<IZoneScopeFactory>().CreateScopeAsync(zone);
        return await work(scope.ServiceProvider);
    }

    public Task InZoneAsync(string slug, Func<IServiceProvider, Task> work) =>
        InZoneAsync(slug, async services =>
        {
            await work(services);
            return true;
        });

    public Task PublishAsync(string slug, params ContentItem[] items) =>
        InZoneAsync(slug, async services =>
        {
            var content = services.GetRequiredService<IContentManager>();
            foreach (var item in items)
            {
                await content.CreateAsync(item, publish: true);
            }
        });

    public Task<SearchResults> SearchAsync(string slug, SearchQuery query) =>
        InZoneAsync(slug, services => services.GetRequiredService<ISearchService>().SearchAsync(query));

    public Task<SearchResults> SearchAsync(string slug, string text) => SearchAsync(slug, new SearchQuery { Text = text });

    public Task<IReadOnlyList<string>> SuggestAsync(string slug, string prefix, int max = 8) =>
        InZoneAsync(slug, services => services.GetRequiredService<ISearchService>().SuggestAsync(prefix, max));

    public Task<int> CatchUpAsync(string slug) =>
        InZoneAsync(slug, services => services.GetRequiredService<ISearchIndexAdmin>().CatchUpAsync());

    public ValueTask DisposeAsync() => Platform.DisposeAsync();
}
