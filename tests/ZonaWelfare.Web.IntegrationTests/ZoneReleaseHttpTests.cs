using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using ZonaWelfare.Core.Storage;
using ZonaWelfare.Core.Zones;

namespace ZonaWelfare.Web.IntegrationTests;

/// <summary>
/// The shipped host keeping at most two zones activated, with five zones served: a citizen's search in a zone the
/// host released a moment ago answers exactly as before, the released zone holds no open file (its search index
/// and, on SQLite, its database closed), and bursts of parallel requests over all the zones all succeed.
/// </summary>
public abstract class ZoneReleaseHttpTests(ZoneReleaseHttpTests.BoundedApp app)
{
    private static readonly string[] SmallZones = ["rilascio-a", "rilascio-b", "rilascio-c"];

    [Fact]
    public async Task A_released_zone_answers_its_search_as_before_and_keeps_no_file_open()
    {
        await app.EnsureSmallZonesAsync();
        var client = app.Client();
        var before = await SearchIdsAsync(client, "livornese");
        Assert.NotEmpty(before);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/livornese/bussola?q=anziani")).StatusCode);
        Assert.NotEmpty(app.OpenFilesOf("livornese"));

        foreach (var slug in SmallZones)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/{slug}/")).StatusCode);
        }

        Assert.True(await app.ReleasedAsync("livornese"), "The least recently used zone was not released.");
        Assert.Empty(app.OpenFilesOf("livornese"));

        Assert.Equal(before, await SearchIdsAsync(client, "livornese"));
        var page = await client.GetAsync("/livornese/bussola?q=anziani");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("anziani", await page.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Parallel_requests_over_more_zones_than_the_bound_all_succeed_with_the_right_answers()
    {
        await app.EnsureSmallZonesAsync();
        var client = app.Client();
        var expected = new Dictionary<string, List<string>>
        {
            ["livornese"] = await SearchIdsAsync(client, "livornese"),
            ["grossetana"] = await SearchIdsAsync(client, "grossetana"),
        };

        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var requests = Enumerable.Range(0, 8).SelectMany(_ => new[]
        {
            Task.Run(async () => { await start.Task; return ("livornese", await SearchIdsAsync(client, "livornese")); }),
            Task.Run(async () => { await start.Task; return ("grossetana", await SearchIdsAsync(client, "grossetana")); }),
        }).ToList();
        var pages = SmallZones.SelectMany(slug => Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            await start.Task;
            return (await client.GetAsync($"/{slug}/")).StatusCode;
        }))).ToList();

        start.SetResult();
        var searches = await Task.WhenAll(requests);
        var statuses = await Task.WhenAll(pages);

        Assert.All(searches, s => Assert.Equal(expected[s.Item1], s.Item2));
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.True(await app.SettledAsync(), "More zones than the bound stayed activated after the burst.");
    }

    [Fact]
    public async Task Every_zone_links_the_same_versioned_stylesheet_under_its_own_path()
    {
        var client = app.Client();
        var versions = new List<string>();
        foreach (var zone in new[] { "livornese", "grossetana" })
        {
            var page = await client.GetStringAsync($"/{zone}/");
            var link = System.Text.RegularExpressions.Regex.Match(page, $@"href=""/{zone}/_content/ZonaWelfare\.Themes\.Public/css/public\.css\?v=([^""]+)""");
            Assert.True(link.Success, $"No versioned link to public.css under /{zone}/.");
            versions.Add(link.Groups[1].Value);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/{zone}/_content/ZonaWelfare.Themes.Public/css/public.css?v={link.Groups[1].Value}")).StatusCode);
        }

        // One version per file, not one cache entry per zone (which made memory grow with every zone a node served).
        Assert.Single(versions.Distinct());
    }

    private static async Task<List<string>> SearchIdsAsync(HttpClient client, string zone)
    {
        var response = await client.GetAsync($"/api/{zone}/services?search=anziani&per_page=100");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("contents").EnumerateArray().Select(s => s.GetProperty("id").GetString()!).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>The shipped host (the two example zones) with <c>Platform:MaxActiveZones</c> = 2.</summary>
    public abstract class BoundedApp(StorageKind kind) : ZonaWelfareApp(kind, withTestModules: false)
    {
        public const int Bound = 2;
        private readonly SemaphoreSlim _creating = new(1, 1);
        private bool _created;

        private ZoneActivator Activator => Services.GetRequiredService<ZoneActivator>();

        /// <summary>Three more zones, small ones (no search), so that five zones compete for two places.</summary>
        public async Task EnsureSmallZonesAsync()
        {
            await _creating.WaitAsync();
            try
            {
                if (!_created)
                {
                    // The example zones' first-start work (their workflows' trigger jobs) touches them: let it end,
                    // so which zone is least recently used depends on the test's requests only.
                    foreach (var slug in new[] { "livornese", "grossetana" })
                    {
                        await JobsDoneAsync(slug);
                    }

                    var recipe = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Recipes, "zona-base.recipe.json"));
                    foreach (var slug in SmallZones)
                    {
                        await CreateZoneAsync(slug, recipe);
                    }

                    _created = true;
                }
            }
            finally
            {
                _creating.Release();
            }
        }

        private async Task JobsDoneAsync(string slug)
        {
            var zone = await Services.GetRequiredService<ZonaWelfare.Abstractions.Zones.IZoneRegistry>().FindBySlugAsync(slug) ?? throw new InvalidOperationException("no zone " + slug);
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (true)
            {
                await using var scope = await Services.GetRequiredService<ZonaWelfare.Abstractions.Zones.IZoneScopeFactory>().CreateScopeAsync(zone);
                var jobs = scope.ServiceProvider.GetRequiredService<ZonaWelfare.Core.Data.CoreZoneDbContext>().Jobs;
                if (!await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(jobs, j => j.State == ZonaWelfare.Core.Jobs.ZoneJobState.Pending || j.State == ZonaWelfare.Core.Jobs.ZoneJobState.Running) || DateTime.UtcNow > deadline)
                {
                    return;
                }

                await Task.Delay(100);
            }
        }

        /// <summary>Waits (at most 10 s) until the zone has left the activated set and its release has run.</summary>
        public async Task<bool> ReleasedAsync(string slug)
        {
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (Activator.ActiveZones.Contains(slug) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(20);
            }

            await Activator.ReleaseIdleAsync();
            return !Activator.ActiveZones.Contains(slug);
        }

        /// <summary>Waits (at most 10 s) until no more than the bound are activated.</summary>
        public async Task<bool> SettledAsync()
        {
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (Activator.ActiveCount > Bound && DateTime.UtcNow < deadline)
            {
                await Task.Delay(20);
            }

            return Activator.ActiveCount <= Bound;
        }

        /// <summary>Files under the zone's folder (search index, SQLite database) this process holds: descriptors and memory maps (Lucene maps its segments).</summary>
        public List<string> OpenFilesOf(string slug) => OpenFiles.Under(Services.GetRequiredService<IZoneStorage>().ZoneFolder(slug));

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Platform:MaxActiveZones", Bound.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    public sealed class SqliteBoundedApp() : BoundedApp(StorageKind.Sqlite);

    public sealed class PostgresBoundedApp() : BoundedApp(StorageKind.Postgres);
}

public sealed class SqliteZoneReleaseHttpTests(ZoneReleaseHttpTests.SqliteBoundedApp app) : ZoneReleaseHttpTests(app), IClassFixture<ZoneReleaseHttpTests.SqliteBoundedApp>;

public sealed class PostgresZoneReleaseHttpTests(ZoneReleaseHttpTests.PostgresBoundedApp app) : ZoneReleaseHttpTests(app), IClassFixture<ZoneReleaseHttpTests.PostgresBoundedApp>;
