using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;
using ZonaWelfare.Modules.Workflows.Data;
using ZonaWelfare.Modules.Workflows.Services;
using ZonaWelfare.Testing;

namespace ZonaWelfare.Modules.Workflows.Tests;

/// <summary>
/// The issue's requirement: two nodes on one PostgreSQL, 1,000 timers due within a few seconds, one node killed with
/// SIGKILL while they fire. Every timer fires exactly once (its task runs once per instance, its row is claimed), none
/// is lost, and the resumed run still sees the instance's input.
/// </summary>
public sealed class TwoNodeTimerTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Instances = 1000;

    /// <summary>Started in parallel, on the in-process node, like editors and content events would.</summary>
    private const int Starters = 8;

    /// <summary>Timers fired when the child node is killed.</summary>
    private const int KillAfterFired = Instances * 3 / 10;

    private const string TypeName = "Scadenza";

    /// <summary>
    /// How long after the test begins the timers are due, all at one moment: enough for starting the instances on a
    /// loaded 2-core machine (about 10–25 s), so they are due together, not as they were started.
    /// </summary>
    private static readonly TimeSpan DueAfter = TimeSpan.FromSeconds(30);

    private static string Workflow(DateTimeOffset due) => $$"""
        {
          "name": "Scadenza",
          "displayName": "Scadenza",
          "activities": [
            { "id": "avvio", "activity": "ManualStart", "start": true },
            { "id": "attesa", "activity": "Timer", "options": { "at": "{{due.ToString("O", CultureInfo.InvariantCulture)}}" } },
            { "id": "eco", "activity": "EchoInput" }
          ],
          "transitions": [
            { "from": "avvio", "outcome": "done", "to": "attesa" },
            { "from": "attesa", "outcome": "done", "to": "eco" }
          ]
        }
        """;

    private TestStore _store = null!;
    private TestPlatform _node = null!;
    private Process? _child;

    public async Task InitializeAsync()
    {
        _store = await TestStore.CreateAsync(StorageKind.Postgres);
        _node = await TimerNode.StartAsync(_store);
    }

    public async Task DisposeAsync()
    {
        if (_child is { HasExited: false })
        {
            _child.Kill();
            await _child.WaitForExitAsync();
        }

        _child?.Dispose();
        await _node.DisposeAsync();
        await _store.DisposeAsync();
    }

    [Fact]
    public async Task A_thousand_timers_on_two_nodes_fire_once_each_across_a_kill_and_keep_the_input()
    {
        var clock = Stopwatch.StartNew();
        var due = DateTimeOffset.UtcNow + DueAfter;
        await _node.Zones.CreateAsync(WorkflowsTestZone.Slug, TestPlatform.Recipe(WorkflowsTestZone.Recipe(Workflow(due))), "test");
        _child = await TimerNode.SpawnAsync(_store, TimeSpan.FromSeconds(60));

        // Start the instances: each waits at its timer until the same moment.
        var next = -1;
        var ids = new string[Instances];
        await Task.WhenAll(Enumerable.Range(0, Starters).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < Instances)
            {
                await using var scope = await _node.ScopeAsync();
                ids[i] = await scope.ServiceProvider.GetRequiredService<WorkflowRunner>().StartManuallyAsync(TypeName, null, UserName(i), CancellationToken.None);
            }
        })));
        var started = clock.Elapsed;
        output.WriteLine($"started {Instances} instances in {started.TotalSeconds:F1} s ({Instances / started.TotalSeconds:F0}/s, {Starters} in parallel)");

        // Kill the child node while the timers fire.
        var deadline = due.UtcDateTime + TimeSpan.FromSeconds(60);
        int fired;
        while ((fired = await _node.ReadAsync(db => db.Timers.CountAsync(t => t.FiredUtc != null))) < KillAfterFired)
        {
            Assert.True(DateTime.UtcNow < deadline, $"only {fired} timers fired within 60 s of their due time");
            Assert.False(_child.HasExited, "the child node exited on its own");
            await Task.Delay(50);
        }

        _child.Kill();
        await _child.WaitForExitAsync();
        var killedAt = clock.Elapsed;
        output.WriteLine($"killed the child node (SIGKILL, exit {_child.ExitCode}) at {killedAt.TotalSeconds:F1} s with {fired} timers fired");

        await WorkflowsTestZone.EventuallyAsync(
            async () => await _node.ReadAsync(db => db.Instances.CountAsync(i => i.TypeName == TypeName && i.Status == WorkflowStatus.Finished)) == Instances,
            $"{Instances} finished instances",
            TimeSpan.FromSeconds(60),
            async () => $"instances by status: {string.Join(", ", await _node.ReadAsync(db => db.Instances.GroupBy(i => i.Status).Select(g => g.Key + "=" + g.Count()).ToListAsync()))}");
        var finished = clock.Elapsed;

        var instances = await _node.ReadAsync(db => db.Instances.AsNoTracking().Where(i => i.TypeName == TypeName).Select(i => new { i.Id, i.Input, i.Status }).ToListAsync());
        var echoes = await _node.ReadAsync(db => db.History.AsNoTracking().Where(h => h.ActivityId == "eco").Select(h => new { h.InstanceId, h.Outcome }).ToListAsync());
        var timers = await _node.ReadAsync(db => db.Timers.AsNoTracking().Where(t => t.InstanceId != null).ToListAsync());
        var jobs = await TimerJobsAsync();

        var echoesOf = echoes.ToLookup(e => e.InstanceId);
        var duplicates = instances.Sum(i => Math.Max(0, echoesOf[i.Id].Count() - 1));
        var lost = instances.Count(i => !echoesOf[i.Id].Any());
        var lateness = timers.Where(t => t.FiredUtc is not null).Select(t => (t.FiredUtc!.Value - t.DueUtc).TotalMilliseconds).Order().ToList();
        var byNode = jobs.GroupBy(j => j.Node).Select(g => $"{g.Key}: {g.Count()}").ToList();
        var figures = string.Join(Environment.NewLine, [
            $"instances={Instances} timers={timers.Count} fired={lateness.Count} duplicates={duplicates} lost={lost}",
            $"lateness_ms p50={Percentile(lateness, 0.50):F0} p95={Percentile(lateness, 0.95):F0} max={lateness.LastOrDefault():F0}",
            $"due_s={DueAfter.TotalSeconds:F0} start_s={started.TotalSeconds:F1} kill_s={killedAt.TotalSeconds:F1} fired_at_kill={fired} all_finished_s={finished.TotalSeconds:F1}",
            $"timer_jobs={jobs.Count} run_again={jobs.Count(j => j.Attempts > 1)} last_run_by_node=[{string.Join("; ", byNode)}]",
        ]);
        output.WriteLine(figures);
        WriteResults(figures);

        Assert.Equal(Instances, instances.Count);
        Assert.Equal(0, duplicates);
        Assert.Equal(0, lost);
        Assert.All(instances, i => Assert.Equal(WorkflowStatus.Finished, i.Status));
        Assert.Equal(Instances, timers.Count);
        Assert.All(timers, t => Assert.True(t.FiredUtc >= t.DueUtc.AddMilliseconds(-1), $"timer {t.Id} fired at {t.FiredUtc:o}, due {t.DueUtc:o}"));
        // The resumed run saw the input the instance started with.
        var inputOf = instances.ToDictionary(i => i.Id, i => JsonNode.Parse(i.Input)!["userName"]!.GetValue<string>());
        Assert.All(echoes, e => Assert.Equal("input:" + inputOf[e.InstanceId], e.Outcome));
        Assert.Equal(Enumerable.Range(0, Instances).Select(UserName).Order(), inputOf.Values.Order());
        // Both nodes fired timers: the kill took work away from a node that had some.
        Assert.Equal(2, jobs.Select(j => j.Node).Distinct().Count());
        Assert.All(jobs, j => Assert.Equal((int)Core.Jobs.ZoneJobState.Done, j.State));
    }

    private static string UserName(int i) => "utente-" + i.ToString("D4", CultureInfo.InvariantCulture);

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    /// <summary>The zone's timer jobs (the platform's table, read as SQL): state, attempts, the node that ran them last.</summary>
    private Task<List<TimerJobRow>> TimerJobsAsync() =>
        _node.ReadAsync(db => db.Database.SqlQueryRaw<TimerJobRow>("SELECT \"State\", \"Attempts\", \"RunBy\" FROM zone_jobs WHERE \"Name\" = 'workflows.timer'").ToListAsync());

    /// <summary>The figures also go to bench/workflows/.work/ (git-ignored), beside the benches' own results.</summary>
    private static void WriteResults(string figures)
    {
        var folder = Path.Combine(RepositoryPaths.Root, "bench", "workflows", ".work");
        Directory.CreateDirectory(folder);
        File.AppendAllText(Path.Combine(folder, "two-node-timers.txt"), $"## {DateTime.UtcNow:yyyy-MM-ddTHH:mm:ssZ} two-node-timers{Environment.NewLine}{figures}{Environment.NewLine}");
    }
}

internal sealed class TimerJobRow
{
    public int State { get; set; }

    public int Attempts { get; set; }

    public string? RunBy { get; set; }

    /// <summary>The scheduler instance that ran it last.</summary>
    public string Node => RunBy?.Split('/')[0] ?? "";
}
