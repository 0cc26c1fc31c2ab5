using System.Diagnostics;
using ZonaWelfare.Testing;

namespace ZonaWelfare.Bench.Tests;

/// <summary>
/// Every scenario under bench/ runs here at a tiny size, through the entry points its README documents, and
/// must exit 0 and print its figures: a benchmark that no longer builds, starts or measures fails the suite.
/// The figures themselves mean nothing at this size and are not checked.
/// </summary>
public sealed partial class BenchSmokeTests
{
    private static readonly Dictionary<string, string> HostEnvironment = new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["DOTNET_ENVIRONMENT"] = "Production",
        ["Storage__Provider"] = "Sqlite",
        ["DOTNET_NOLOGO"] = "1",
    };

    [Fact]
    public async Task Load_runs_distinct_searches_and_cached_pages_concurrently_and_reports_errors_and_percentiles()
    {
        using var work = new TempFolder();

        var run = await BenchProcess.RunAsync("bash", [
            Path.Combine(RepositoryPaths.Root, "bench", "load", "run.sh"),
            "--no-build", "--web", BenchProcess.WebFolder, "--work", work.Path,
            "--services", "30", "--clients", "4", "--connections", "8", "--seconds", "2", "--warmup", "1",
            "--port", BenchProcess.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
        ], RepositoryPaths.Root, timeout: TimeSpan.FromSeconds(150));

        Assert.True(run.ExitCode == 0, run.Output);
        foreach (var label in new[] { "search-html", "search-api", "page-cached", "page-cached-conn" })
        {
            // Requests may be few on a loaded machine (a cold search takes most of a second); errors must be none.
            Assert.Matches($@"\| {label} \| \d+ \| \d+ \| 0 \| [\d.]+ \| [\d.]+ \| [\d.]+ \| \d+ \| \d+ \|", run.Output);
        }
    }

    [Fact]
    public async Task Zones_release_touches_more_zones_than_the_bound_and_reports_descriptors_and_memory()
    {
        using var work = new TempFolder();

        var run = await BenchProcess.RunAsync("bash", [
            Path.Combine(RepositoryPaths.Root, "bench", "zones-release", "run.sh"),
            "--no-build", "--web", BenchProcess.WebFolder, "--work", work.Path,
            "--zones", "6", "--bound", "2", "--checkpoints", "2,4", "--services", "2",
            "--port", BenchProcess.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
        ], RepositoryPaths.Root, timeout: TimeSpan.FromSeconds(150));

        Assert.True(run.ExitCode == 0, run.Output);
        foreach (var zones in new[] { 2, 4, 6 })
        {
            // Zones touched, fds, RSS, zones holding files (never more than the bound), requests, 0 errors, p50, p95.
            Assert.Matches($@"\| {zones} \| \d+ \| \d+ \| [0-2] \| {zones * 2} \| 0 \| [\d.]+ \| [\d.]+ \|", run.Output);
        }
    }

    [Fact]
    public async Task Zones_scale_seeds_zones_from_the_base_recipe_and_measures_both_configurations()
    {
        using var work = new TempFolder();

        var run = await BenchProcess.RunAsync("bash", [
            Path.Combine(RepositoryPaths.Root, "bench", "zones-scale", "run.sh"),
            "--no-build", "--config", BenchProcess.Configuration, "--web", BenchProcess.WebFolder, "--work", work.Path,
            "--small", "2", "--large", "3", "--reps", "1", "--warmup", "0", "--port", BenchProcess.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
        ], RepositoryPaths.Root, timeout: TimeSpan.FromSeconds(90));

        Assert.True(run.ExitCode == 0, run.Output);
        // The seeder, with the host's module set: zona-base enables users and has a roles step.
        Assert.Contains("Create 3 zone in", run.Output, StringComparison.Ordinal);
        Assert.Matches(@"\| Process start → first 200 on `/zona-0001/` \(ms\) \| \d+ \(\d+–\d+\) \| \d+ \(\d+–\d+\) \| \d+\.\d+× \|", run.Output);
        Assert.Matches(@"\| VmRSS 2 s after .* \(MiB\) \| \d+\.\d \(", run.Output);
    }

    [Fact]
    public async Task Bussola_search_seeds_a_tiny_catalogue_rebuilds_its_index_and_measures_latency_and_throughput()
    {
        using var work = new TempFolder();
        var data = Path.Combine(work.Path, "data");
        const string Zone = "bussola-30";
        var bench = BenchProcess.Dll("bench/ZonaWelfare.Bench.BussolaSearch");
        var environment = new Dictionary<string, string>(HostEnvironment) { ["Storage__DataPath"] = data };

        var seed = await BenchProcess.RunAsync("dotnet", [bench, "seed", "--data", data, "--zone", Zone, "--services", "30",
            "--recipe", Path.Combine(RepositoryPaths.Recipes, "zona-grossetana.recipe.json"), "--templates", Path.Combine(RepositoryPaths.Root, "tools", "bussola-data")], work.Path);
        Assert.True(seed.ExitCode == 0, seed.Output);
        Assert.Matches(@"SEED zone=bussola-30 services=30 written=30 ", seed.Output);

        // The published host's CLI builds the index, as run.sh does before measuring.
        var rebuild = await BenchProcess.RunAsync("dotnet", ["ZonaWelfare.Web.dll", "search", "rebuild", "--zone", Zone], BenchProcess.WebFolder, environment);
        Assert.True(rebuild.ExitCode == 0, rebuild.Output);
        Assert.Contains("ricostruito", rebuild.Output, StringComparison.Ordinal);

        var path = await BenchProcess.RunAsync("dotnet", [bench, "path", "--data", data, "--zone", Zone], work.Path);
        Assert.True(path.ExitCode == 0, path.Output);
        var servicePath = path.Output.Trim().Split('\n')[^1].Trim();

        var port = BenchProcess.FreePort();
        var baseUrl = $"http://127.0.0.1:{port}";
        using var host = BenchProcess.Start("dotnet", ["ZonaWelfare.Web.dll"], BenchProcess.WebFolder,
            new Dictionary<string, string>(environment) { ["Urls"] = baseUrl }, out var hostOutput);
        try
        {
            await WaitForAsync(host, $"{baseUrl}/{Zone}/", hostOutput);
            var pid = host.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

            var latency = await BenchProcess.RunAsync("dotnet", [bench, "latency", "--data", data, "--zone", Zone, "--base", baseUrl, "--size", "30",
                "--warmup", "0", "--rounds", "1", "--out", Path.Combine(work.Path, "latency.csv"), "--server-pid", pid], work.Path);
            Assert.True(latency.ExitCode == 0, latency.Output);
            Assert.Matches(@"RESULT latency size=30 layer=http .*p95=", latency.Output);
            Assert.Matches(@"RESULT latency size=30 layer=raw .*p95=", latency.Output);

            var load = await BenchProcess.RunAsync("dotnet", [bench, "load", "--url", $"{baseUrl}/{Zone}/{servicePath}", "--label", "page",
                "--concurrency", "2", "--seconds", "1", "--warmup-seconds", "0", "--server-pid", pid], work.Path);
            Assert.True(load.ExitCode == 0, load.Output);
            Assert.Matches(@"RESULT load .*rps=\d", load.Output);
        }
        finally
        {
            Stop(host);
        }
    }

    [Fact]
    public async Task Workflows_times_the_instance_queries_and_the_instances_started_by_publishing()
    {
        using var work = new TempFolder();

        var run = await BenchProcess.RunAsync("bash", [
            Path.Combine(RepositoryPaths.Root, "bench", "workflows", "run.sh"),
            "--no-build", "--work", work.Path, "--instances", "500", "--rounds", "2", "--warmup", "1", "--items", "20", "--parallel", "2",
        ], RepositoryPaths.Root, timeout: TimeSpan.FromSeconds(150));

        Assert.True(run.ExitCode == 0, run.Output);
        foreach (var name in new[] { "counts", "page-type-status", "page-status", "page-correlation", "page-unfiltered" })
        {
            Assert.Matches($@"RESULT query provider=sqlite instances=500 case={name} rounds=2 p50_ms=[\d.]+ p95_ms=[\d.]+", run.Output);
        }

        Assert.Matches(@"RESULT publish workflow=none items=20 .*items_per_s=[\d.]+", run.Output);
        Assert.Matches(@"RESULT workflow items=20 finished=20 .*instances_per_s=[\d.]+", run.Output);
    }

    private static async Task WaitForAsync(Process host, string url, System.Text.StringBuilder output)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            Assert.False(host.HasExited, $"the host exited:\n{output}");
            try
            {
                if ((await http.GetAsync(url)).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            Assert.True(DateTime.UtcNow < deadline, $"the host did not answer {url} within 60 s:\n{output}");
            await Task.Delay(100);
        }
    }

    /// <summary>Stops the host this test started (by its process id): its data folder is thrown away.</summary>
    private static void Stop(Process host)
    {
        if (!host.HasExited)
        {
            host.Kill(entireProcessTree: true);
        }

        host.WaitForExit();
    }
}
