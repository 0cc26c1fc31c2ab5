using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using ZonaWelfare.Abstractions.Search;
using ZonaWelfare.Abstractions.Zones;

namespace ZonaWelfare.Bench.BussolaSearch;

/// <summary>
/// Search latency of the query mix, one client thread, three ways side by side in the same rounds:
/// <list type="bullet">
/// <item><c>http</c>: <c>GET /{zone}/bussola?…</c> on the published host (another process), whole page read;
/// the request carries an <c>Authorization</c> header, which the zone output-cache policy treats as
/// non-anonymous, so every request runs the search and renders the page (no cache lookup, no storage);</item>
/// <item><c>service</c> (for the breakdown): the Search module's <see cref="ISearchService"/> in this process, in a
/// zone scope as a request has, i.e. the catch-up check and synonyms read plus the Lucene work;</item>
/// <item><c>raw</c>: the module's own Lucene query code straight on the index (<see cref="RawLuceneSearch"/>).</item>
/// </list>
/// Each round runs every query once in each way, in an order that rotates, so drifts of the machine's load hit
/// the three alike. Warm-up rounds are discarded.
/// </summary>
internal static class LatencyBenchmark
{
    private const string BypassHeader = "Bearer bench-no-output-cache";

    public static async Task<int> RunAsync(Args args)
    {
        var dataPath = Path.GetFullPath(args.Required("--data"));
        var slug = args.Required("--zone");
        var baseUrl = new Uri(args.Required("--base").TrimEnd('/') + "/" + slug + "/");
        var output = args.Required("--out");
        var warmup = args.Int("--warmup", 3);
        var rounds = args.Int("--rounds", 30);
        var size = args.Required("--size");
        var serverPid = args.Optional("--server-pid");

        var zoneFolder = Path.Combine(dataPath, "zones", slug);
        using var raw = new RawLuceneSearch(zoneFolder, Path.Combine(zoneFolder, "zone.db"), fuzzyThreshold: 3);
        await using var host = Seeder.BuildHost(dataPath);
        var zone = await host.Services.GetRequiredService<IZoneRegistry>().FindBySlugAsync(slug)
            ?? throw new ArgumentException($"la zona '{slug}' non esiste in {dataPath}.");
        using var http = new HttpClient(new SocketsHttpHandler
        {
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            MaxConnectionsPerServer = 1,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10),
        })
        { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Authorization = AuthenticationHeaderValue.Parse(BypassHeader);

        var cpu = new CpuCounters();
        var layers = new (string Name, Func<BenchQuery, Task<int>> Run)[]
        {
            ("raw", q => Task.FromResult(cpu.Measure("raw", q.Name, CpuTime.ThisThread, () => RunRaw(raw, q, cpu)))),
            ("service", q => RunServiceAsync(host.Services, zone, q)),
            ("http", q => cpu.MeasureAsync("http", q.Name, () => CpuTime.OfProcess(serverPid), () => RunHttpAsync(http, q))),
        };

        Console.WriteLine($"Indice di «{slug}»: {raw.Documents} documenti, generazione {raw.Generation}. {warmup} giri di riscaldamento, {rounds} misurati.");
        await CheckSameResultsAsync(raw, http);

        var samples = new List<Sample>();
        var mix = BenchQuery.Mix;
        for (var round = 0; round < warmup + rounds; round++)
        {
            cpu.Enabled = round >= warmup;
            for (var i = 0; i < mix.Count; i++)
            {
                var query = mix[(i + round) % mix.Count];
                for (var l = 0; l < layers.Length; l++)
                {
                    var layer = layers[(l + round + i) % layers.Length];
                    var started = Stopwatch.GetTimestamp();
                    var total = await layer.Run(query);
                    var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    if (round >= warmup)
                    {
                        samples.Add(new Sample(layer.Name, query.Name, round - warmup, ms, total));
                    }
                }
            }
        }

        await WriteAsync(output, size, samples);
        Summarize(size, samples, output);
        if (serverPid is not null)
        {
            // CPU time is not inflated by waiting for a core, so it shows the cost of each way on a noisy machine.
            var (rawMs, httpMs) = (cpu.MeanMs("raw", null), cpu.MeanMs("http", null));
            Console.WriteLine(FormattableString.Invariant(
                $"RESULT cpu size={size} raw_thread_cpu_ms_mean={rawMs:F2} http_server_cpu_ms_mean={httpMs:F2} ratio={httpMs / rawMs:F2} raw_alloc_mb_mean={cpu.AllocatedMbMean:F1} raw_without_typos={cpu.MeanMs("raw", q => !IsTypo(q)):F2} http_without_typos={cpu.MeanMs("http", q => !IsTypo(q)):F2}"));
        }

        return 0;
    }

    private static int RunRaw(RawLuceneSearch raw, BenchQuery query, CpuCounters cpu)
    {
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var results = raw.Search(query.ToSearchQuery());
        if (results.Total == 0 && query.Filters.Count > 0 && query.Text is not null)
        {
            // The controller's second search: how many the words find without filters.
            raw.Search(query.WithoutFilters());
        }

        cpu.AddAllocated(GC.GetAllocatedBytesForCurrentThread() - allocated);
        return results.Total;
    }

    private static async Task<int> RunServiceAsync(IServiceProvider root, ZoneDescriptor zone, BenchQuery query)
    {
        await using var scope = await root.GetRequiredService<IZoneScopeFactory>().CreateScopeAsync(zone);
        var search = scope.ServiceProvider.GetRequiredService<ISearchService>();
        var results = await search.SearchAsync(query.ToSearchQuery());
        if (results.Total == 0 && query.Filters.Count > 0 && query.Text is not null)
        {
            await search.SearchAsync(query.WithoutFilters());
        }

        return results.Total;
    }

    private static async Task<int> RunHttpAsync(HttpClient http, BenchQuery query)
    {
        using var response = await http.GetAsync(query.RelativeUrl(), HttpCompletionOption.ResponseContentRead);
        if (response.StatusCode != HttpStatusCode.OK || response.Headers.Age is not null)
        {
            throw new InvalidOperationException($"{query.RelativeUrl()}: {(int)response.StatusCode}{(response.Headers.Age is null ? "" : " dalla cache")}");
        }

        return (int)(response.Content.Headers.ContentLength ?? (await response.Content.ReadAsByteArrayAsync()).Length);
    }

    /// <summary>The page must say it found as many services as the raw search: same query, same index.</summary>
    private static async Task CheckSameResultsAsync(RawLuceneSearch raw, HttpClient http)
    {
        foreach (var query in BenchQuery.Mix)
        {
            var results = raw.Search(query.ToSearchQuery());
            var page = await http.GetStringAsync(query.RelativeUrl());
            var expected = results.Total == 1 ? "1 servizio trovato" : $"{results.Total} servizi trovati";
            var found = page.Contains(expected, StringComparison.Ordinal);
            Console.WriteLine(FormattableString.Invariant(
                $"  {query.Name,-26} {query.Kind,-28} {results.Total,7} risultati{(results.UsedFuzzyFallback ? " (fuzzy)" : "")}{(results.DidYouMean is { } d ? $", forse cercavi «{d}»" : "")}; pagina {page.Length / 1024} KiB {(found ? "uguale" : "DIVERSA")}"));
            if (!found)
            {
                throw new InvalidOperationException($"La pagina di «{query.RelativeUrl()}» non dice «{expected}»: indice del server diverso da quello letto qui?");
            }
        }
    }

    private static async Task WriteAsync(string path, string size, List<Sample> samples)
    {
        var csv = new StringBuilder("size,layer,query,round,ms,result\n");
        foreach (var s in samples)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{size},{s.Layer},\"{s.Query}\",{s.Round},{s.Ms:F3},{s.Result}\n");
        }

        await File.WriteAllTextAsync(path, csv.ToString());
    }

    private static void Summarize(string size, List<Sample> samples, string output)
    {
        // Machine-readable lines for run.sh, then a per-query table (markdown) beside the CSV.
        foreach (var layer in samples.GroupBy(s => s.Layer, StringComparer.Ordinal))
        {
            var ms = layer.Select(s => s.Ms).ToList();
            var exact = layer.Where(s => !IsTypo(s.Query)).Select(s => s.Ms).ToList();
            Console.WriteLine(FormattableString.Invariant(
                $"RESULT latency size={size} layer={layer.Key} n={ms.Count} p50={Stats.Percentile(ms, 50):F2} p95={Stats.Percentile(ms, 95):F2} p99={Stats.Percentile(ms, 99):F2} mean={ms.Average():F2} p95_without_typos={Stats.Percentile(exact, 95):F2}"));
        }

        // The pooled p95 is set by the slowest queries of the mix; per query, HTTP/raw shows the fixed cost of a request.
        var perQuery = BenchQuery.Mix.Select(q =>
        {
            List<double> Of(string layer) => samples.Where(s => s.Layer == layer && s.Query == q.Name).Select(s => s.Ms).ToList();
            return (Ratio: Stats.Percentile(Of("http"), 95) / Stats.Percentile(Of("raw"), 95), Extra: Stats.Percentile(Of("http"), 50) - Stats.Percentile(Of("raw"), 50));
        }).ToList();
        var ratios = perQuery.Select(p => p.Ratio).ToList();
        Console.WriteLine(FormattableString.Invariant(
            $"RESULT perquery size={size} ratio_p95_median={Stats.Percentile(ratios, 50):F2} ratio_p95_min={ratios.Min():F2} ratio_p95_max={ratios.Max():F2} queries_within_goal={ratios.Count(r => r <= 1.5)}/{ratios.Count} http_extra_p50_ms_median={Stats.Percentile(perQuery.Select(p => p.Extra).ToList(), 50):F2}"));

        var table = new StringBuilder();
        table.AppendLine(CultureInfo.InvariantCulture, $"| query ({size} services) | kind | results | page KiB | raw p50 / p95 (ms) | service p50 / p95 (ms) | HTTP p50 / p95 (ms) | HTTP/raw p95 |");
        table.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var query in BenchQuery.Mix)
        {
            List<double> Of(string layer) => samples.Where(s => s.Layer == layer && s.Query == query.Name).Select(s => s.Ms).ToList();
            var (r, s, h) = (Of("raw"), Of("service"), Of("http"));
            var results = samples.First(x => x.Layer == "raw" && x.Query == query.Name).Result;
            var pageKiB = samples.First(x => x.Layer == "http" && x.Query == query.Name).Result / 1024;
            table.AppendLine(FormattableString.Invariant(
                $"| {query.Name} | {query.Kind} | {results} | {pageKiB} | {Stats.Percentile(r, 50):F2} / {Stats.Percentile(r, 95):F2} | {Stats.Percentile(s, 50):F2} / {Stats.Percentile(s, 95):F2} | {Stats.Percentile(h, 50):F2} / {Stats.Percentile(h, 95):F2} | {Stats.Percentile(h, 95) / Stats.Percentile(r, 95):F2}× |"));
        }

        File.WriteAllText(Path.ChangeExtension(output, ".md"), table.ToString());
    }

    private static bool IsTypo(string query) => BenchQuery.Mix.First(q => q.Name == query).Kind.Contains("fuzzy", StringComparison.Ordinal);

    private sealed record Sample(string Layer, string Query, int Round, double Ms, int Result);
}

/// <summary>Order statistics of a sample.</summary>
internal static class Stats
{
    /// <summary>Nearest-rank percentile (p in 0..100) of the values; NaN when empty.</summary>
    public static double Percentile(IReadOnlyCollection<double> values, double p)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(p / 100 * sorted.Count);
        return sorted[Math.Clamp(rank, 1, sorted.Count) - 1];
    }
}
