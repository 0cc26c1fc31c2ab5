using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace ZonaWelfare.Bench.BussolaSearch;

/// <summary>
/// Closed-loop throughput of one URL: C loops, each with its own keep-alive HTTP/1.1 connection, send a GET,
/// read the whole body, and send the next, for a fixed time after a warm-up. The same client, concurrency and
/// duration serve the cached service page and the static file. Reports requests/s, the mean and p99 time per
/// request, and the CPU the server and this client used over the measured window (to tell a saturated server
/// from a client that cannot keep up).
/// </summary>
internal static class LoadBenchmark
{
    public static async Task<int> RunAsync(Args args)
    {
        // "{n}" in the address becomes a number that grows with every request: each is a distinct address, so the
        // output cache never answers (an uncached search), e.g. --url "http://127.0.0.1:5300/z/bussola?q=anziani+{n}".
        var template = args.Required("--url");
        var distinct = template.Contains("{n}", StringComparison.Ordinal);
        long sequence = 0;
        var label = args.Required("--label");
        var concurrency = args.Int("--concurrency", 8);
        var seconds = args.Double("--seconds", 10);
        var warmupSeconds = args.Double("--warmup-seconds", 3);
        var serverPid = args.Optional("--server-pid");

        using var client = new HttpClient(new SocketsHttpHandler
        {
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            MaxConnectionsPerServer = concurrency,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10),
        })
        { Timeout = TimeSpan.FromSeconds(30) };

        var buffer = new byte[concurrency][];
        for (var i = 0; i < concurrency; i++)
        {
            buffer[i] = new byte[64 * 1024];
        }

        var counters = new LoopCounters[concurrency];
        using var stop = new CancellationTokenSource();
        var measuring = 0;
        var loops = Enumerable.Range(0, concurrency).Select(i => Task.Run(async () =>
        {
            var own = counters[i] = new LoopCounters();
            while (!stop.IsCancellationRequested)
            {
                var url = distinct ? template.Replace("{n}", Interlocked.Increment(ref sequence).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal) : template;
                var started = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, stop.Token);
                    await using var body = await response.Content.ReadAsStreamAsync(stop.Token);
                    long bytes = 0;
                    int read;
                    while ((read = await body.ReadAsync(buffer[i], stop.Token)) > 0)
                    {
                        bytes += read;
                    }

                    if (Volatile.Read(ref measuring) == 1)
                    {
                        own.Add(response.StatusCode == HttpStatusCode.OK, bytes, Stopwatch.GetElapsedTime(started).TotalMilliseconds, response.StatusCode.ToString());
                    }
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    // The measured window is over: a request cut short here is not an error.
                }
                catch (Exception ex) when (ex is HttpRequestException or IOException or TaskCanceledException)
                {
                    // A reset connection or a timeout is an error of the server under load, counted and reported.
                    own.Add(false, 0, Stopwatch.GetElapsedTime(started).TotalMilliseconds, ex.GetType().Name + ": " + ex.Message);
                }
            }
        })).ToList();

        await Task.Delay(TimeSpan.FromSeconds(warmupSeconds));
        var serverCpuBefore = ServerCpuSeconds(serverPid);
        var clientCpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var window = Stopwatch.StartNew();
        Volatile.Write(ref measuring, 1);
        await Task.Delay(TimeSpan.FromSeconds(seconds));
        Volatile.Write(ref measuring, 0);
        var elapsed = window.Elapsed.TotalSeconds;
        var serverCpu = ServerCpuSeconds(serverPid) - serverCpuBefore;
        var clientCpu = (Process.GetCurrentProcess().TotalProcessorTime - clientCpuBefore).TotalSeconds;
        await stop.CancelAsync();
        await Task.WhenAll(loops);

        var ok = counters.Sum(c => c.Ok);
        var errors = counters.Sum(c => c.Errors);
        var latencies = counters.SelectMany(c => c.Latencies).ToList();
        foreach (var kind in counters.SelectMany(c => c.Failures).GroupBy(f => f).OrderByDescending(g => g.Count()).Take(5))
        {
            Console.WriteLine(FormattableString.Invariant($"ERRORS {label}: {kind.Count()} × {kind.Key}"));
        }

        Console.WriteLine(FormattableString.Invariant(
            $"RESULT load label={label} concurrency={concurrency} seconds={elapsed:F2} ok={ok} errors={errors} rps={ok / elapsed:F0} bytes_per_response={(ok > 0 ? counters.Sum(c => c.Bytes) / ok : 0)} mean_ms={(latencies.Count > 0 ? latencies.Average() : 0):F3} p50_ms={Stats.Percentile(latencies, 50):F3} p95_ms={Stats.Percentile(latencies, 95):F3} p99_ms={Stats.Percentile(latencies, 99):F3} server_cpu={(serverCpu is { } s ? (s / elapsed * 100).ToString("F0", CultureInfo.InvariantCulture) : "na")}% client_cpu={clientCpu / elapsed * 100:F0}%"));
        return errors > 0 ? 1 : 0;
    }

    /// <summary>User + system CPU seconds the server process has used so far (Linux /proc), or null.</summary>
    private static double? ServerCpuSeconds(string? pid)
    {
        if (pid is null || !File.Exists($"/proc/{pid}/stat"))
        {
            return null;
        }

        // Fields after the command name "(…)": state is field 3, utime 14 and stime 15, in clock ticks (100 per second on Linux).
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }

    private sealed class LoopCounters
    {
        public long Ok { get; private set; }

        public long Errors { get; private set; }

        public long Bytes { get; private set; }

        public List<double> Latencies { get; } = new(20_000);

        public List<string> Failures { get; } = [];

        public void Add(bool ok, long bytes, double ms, string outcome)
        {
            if (ok)
            {
                Ok++;
                Bytes += bytes;
                Latencies.Add(ms);
            }
            else
            {
                Errors++;
                Failures.Add(outcome);
            }
        }
    }
}
