using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ZonaWelfare.Abstractions.Zones;
using ZonaWelfare.Core.Recipes;
using ZonaWelfare.Core.Zones;

namespace ZonaWelfare.Bench.BussolaSearch;

/// <summary>
/// The many-zones resource benchmark (bench/zones-release/run.sh): <c>zones</c> seeds N small Bussola zones,
/// <c>touch</c> requests each of them in turn (its home page and a search) against a running host and samples the
/// host's open file descriptors and RSS at checkpoints.
/// </summary>
internal static class ZonesBenchmark
{
    /// <summary>zones --data DIR --count N --recipe FILE --templates DIR [--services 5] [--prefix zona-]</summary>
    public static async Task<int> SeedAsync(Args args)
    {
        var dataPath = Path.GetFullPath(args.Required("--data"));
        var count = args.Int("--count", 100);
        var perZone = args.Int("--services", 5);
        var prefix = args.Optional("--prefix") ?? "zona-";
        var generator = CatalogGenerator.Load(args.Required("--templates"), args.Int("--seed", 20261202));
        var exampleRecipe = await File.ReadAllTextAsync(args.Required("--recipe"));

        // The few organizations and locations the services name, so every reference resolves.
        var services = generator.Services(perZone).ToList();
        var named = services.SelectMany(s => Strings(s.Content)).ToHashSet(StringComparer.Ordinal);
        var organizations = generator.Organizations().Where(o => named.Contains(o.Id)).ToList();
        var locations = generator.Locations().Where(l => named.Contains(l.Id)).ToList();

        await using var app = Seeder.BuildHost(dataPath);
        foreach (var hosted in app.Services.GetServices<IHostedService>().Where(s => s.GetType().Assembly == typeof(ZoneManager).Assembly))
        {
            await hosted.StartAsync(CancellationToken.None);
        }

        var registry = app.Services.GetRequiredService<IZoneRegistry>();
        var existing = (await registry.ListAsync()).Select(z => z.Slug).ToHashSet(StringComparer.Ordinal);
        var manager = app.Services.GetRequiredService<ZoneManager>();
        var total = Stopwatch.StartNew();
        var made = 0;
        for (var n = 1; n <= count; n++)
        {
            var slug = string.Create(CultureInfo.InvariantCulture, $"{prefix}{n:D4}");
            if (existing.Contains(slug))
            {
                continue;
            }

            var recipe = RecipeDocument.Parse(Seeder.BenchRecipe(exampleRecipe, slug, generator.Comuni), "bench-" + slug);
            await manager.CreateAsync(slug, recipe, actor: "bench", CancellationToken.None);
            var zone = await registry.FindBySlugAsync(slug) ?? throw new InvalidOperationException($"La zona '{slug}' non esiste.");
            await Seeder.WriteItemsAsync(app.Services, zone, [.. organizations, .. locations, .. services]);
            made++;
            if (made % 100 == 0 || n == count)
            {
                Console.WriteLine(FormattableString.Invariant($"[{n,4}/{count}] zones seeded, {total.Elapsed.TotalSeconds:F0} s"));
            }
        }

        Console.WriteLine(FormattableString.Invariant($"SEED zones={count} created={made} services_per_zone={perZone} seconds={total.Elapsed.TotalSeconds:F1}"));
        return 0;
    }

    /// <summary>touch --base URL --count N --pid PID --checkpoints 100,1000,5000 [--prefix zona-] [--parallel 2] [--query anziani]</summary>
    public static async Task<int> TouchAsync(Args args)
    {
        var baseUrl = args.Required("--base").TrimEnd('/');
        var count = args.Int("--count", 100);
        var pid = args.Int("--pid", 0);
        var prefix = args.Optional("--prefix") ?? "zona-";
        var parallel = args.Int("--parallel", 2);
        var query = Uri.EscapeDataString(args.Optional("--query") ?? "anziani");
        var checkpoints = (args.Optional("--checkpoints") ?? count.ToString(CultureInfo.InvariantCulture))
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(c => int.Parse(c, CultureInfo.InvariantCulture)).Where(c => c > 0 && c <= count).Append(count).Distinct().Order().ToList();
        if (pid <= 0 || !Directory.Exists($"/proc/{pid}"))
        {
            throw new ArgumentException("--pid deve essere il processo dell'host in esecuzione.");
        }

        using var client = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = TimeSpan.FromSeconds(60) };
        var errors = 0;
        var requests = 0;
        var firstErrors = new List<string>();
        var total = Stopwatch.StartNew();
        var done = 0;
        Console.WriteLine($"Host {pid}: {Sample(pid)} before any zone");
        foreach (var checkpoint in checkpoints)
        {
            var latencies = new List<double>();
            await Parallel.ForEachAsync(Enumerable.Range(done + 1, checkpoint - done), new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (n, ct) =>
            {
                var slug = string.Create(CultureInfo.InvariantCulture, $"{prefix}{n:D4}");
                foreach (var path in new[] { $"/{slug}/", $"/{slug}/bussola?q={query}" })
                {
                    var started = Stopwatch.GetTimestamp();
                    string? failure;
                    try
                    {
                        using var response = await client.GetAsync(baseUrl + path, ct);
                        await response.Content.ReadAsByteArrayAsync(ct);
                        failure = response.IsSuccessStatusCode ? null : $"{path}: HTTP {(int)response.StatusCode}";
                    }
                    catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
                    {
                        failure = $"{path}: {ex.GetType().Name} {ex.Message}";
                    }

                    lock (latencies)
                    {
                        requests++;
                        latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                        if (failure is not null)
                        {
                            errors++;
                            if (firstErrors.Count < 5)
                            {
                                firstErrors.Add(failure);
                            }
                        }
                    }
                }
            });
            done = checkpoint;
            // Let the releases started by the last requests finish, as on a node between two requests.
            await Task.Delay(TimeSpan.FromSeconds(1));
            latencies.Sort();
            Console.WriteLine(FormattableString.Invariant(
                $"RESULT touch zones={done} {Sample(pid)} requests={requests} errors={errors} p50_ms={Percentile(latencies, 0.50):F1} p95_ms={Percentile(latencies, 0.95):F1} seconds={total.Elapsed.TotalSeconds:F0}"));
        }

        foreach (var failure in firstErrors)
        {
            await Console.Error.WriteLineAsync("errore: " + failure);
        }

        return errors == 0 ? 0 : 1;
    }

    /// <summary>Descriptors, RSS and how many zone folders the process holds files of (descriptors or memory maps).</summary>
    private static string Sample(int pid)
    {
        var fds = Directory.GetFiles($"/proc/{pid}/fd");
        var targets = fds.Select(fd =>
        {
            try
            {
                return new FileInfo(fd).LinkTarget;
            }
            catch (IOException)
            {
                return null;
            }
        });
        var mapped = File.ReadLines($"/proc/{pid}/maps").Select(line => line.IndexOf('/', StringComparison.Ordinal) is var at and >= 0 ? line[at..] : null);
        var zones = targets.Concat(mapped).OfType<string>()
            .Select(path => path.IndexOf("/zones/", StringComparison.Ordinal) is var at and >= 0 ? path[(at + 7)..].Split('/')[0] : null)
            .OfType<string>().Distinct(StringComparer.Ordinal).Count();
        var rssKb = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        return FormattableString.Invariant($"fds={fds.Length} rss_mib={long.Parse(rssKb, CultureInfo.InvariantCulture) / 1024} zones_holding_files={zones}");
    }

    private static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => Strings(p.Value)),
        JsonArray a => a.SelectMany(Strings),
        JsonValue v when v.TryGetValue<string>(out var s) => [s],
        _ => [],
    };
}
