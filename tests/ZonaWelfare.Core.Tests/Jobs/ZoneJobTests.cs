using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ZonaWelfare.Abstractions.Data;
using ZonaWelfare.Abstractions.Jobs;
using ZonaWelfare.Abstractions.Zones;
using ZonaWelfare.Core.Data;
using ZonaWelfare.Core.Jobs;
using ZonaWelfare.Testing;
using ZonaWelfare.Testing.Modules;

namespace ZonaWelfare.Core.Tests.Jobs;

/// <summary>
/// Durable zone jobs on real storage, with real Quartz schedulers: the job commits with the zone transaction,
/// runs once, is retried with backoff, survives a process that stops before running it, and is skipped where
/// its module is off. Waits poll the job's row with a deadline; nothing sleeps for a fixed time.
/// </summary>
public abstract class ZoneJobTests(StorageKind kind) : IAsyncLifetime
{
    protected static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    /// <summary>Fast polling and retries, so the tests take seconds.</summary>
    protected static readonly Dictionary<string, string?> FastJobs = new()
    {
        ["Jobs:IdleWaitTime"] = "00:00:01",
        ["Jobs:RetryBaseDelay"] = "00:00:00.300",
        ["Jobs:RetryMaxDelay"] = "00:00:05",
        ["Jobs:ClusterCheckinInterval"] = "00:00:01",
        ["Jobs:ClusterCheckinMisfireThreshold"] = "00:00:02",
    };

    private const string Recipe = """
        { "name": "valle", "displayName": "Valle", "version": "1",
          "steps": [ { "name": "zone", "displayName": "Valle", "comuni": [ "Alto" ] }, { "name": "features", "enable": [ "jobtest" ] } ] }
        """;

    private readonly List<TestPlatform> _nodes = [];

    protected TestStore Store { get; private set; } = null!;

    protected JobProbe Probe { get; } = new();

    public async Task InitializeAsync() => Store = await TestStore.CreateAsync(kind);

    public async Task DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }

        await Store.DisposeAsync();
    }

    [Fact]
    public async Task A_job_enqueued_in_a_committed_zone_transaction_runs_once_in_its_zone()
    {
        var node = await NodeAsync(runJobs: true);
        await node.Zones.CreateAsync("valle", TestPlatform.Recipe(Recipe), "test");

        string id;
        await using (var scope = await ScopeAsync(node, "valle"))
        {
            await using var transaction = await scope.ServiceProvider.GetRequiredService<IZoneDatabase>().BeginTransactionAsync();
            id = await scope.ServiceProvider.GetRequiredService<IZoneJobQueue>().EnqueueAsync(new PingJob("uno"), new ZoneJobOptions { Description = "Prova" });
            await transaction.CommitAsync();
        }

        var job = await WaitForAsync(node, "valle", id, ZoneJobState.Done);
        Assert.Equal(1, job.Attempts);
        Assert.Null(job.LastError);
        Assert.Equal([("uno", "valle")], Probe.Runs.Select(r => (r.Key, r.Zone)));
        // Its trigger is gone from the platform store: nothing can run it a second time.
        await EventuallyAsync(async () => await DispatchTriggersAsync(node) == 0, "the job's trigger was not removed");
        Assert.Equal(1, Probe.RunsOf("uno"));
    }

    [Fact]
    public async Task A_job_enqueued_in_a_rolled_back_zone_transaction_never_runs()
    {
        var node = await NodeAsync(runJobs: true);
        await node.Zones.CreateAsync("valle", TestPlatform.Recipe(Recipe), "test");

        string rolledBack;
        await using (var scope = await ScopeAsync(node, "valle"))
        {
            await using var transaction = await scope.ServiceProvider.GetRequiredService<IZoneDatabase>().BeginTransactionAsync();
            rolledBack = await scope.ServiceProvider.GetRequiredService<IZoneJobQueue>().EnqueueAsync(new PingJob("annullato"));
            // Disposed without a commit: rolled back, while its trigger is already in the platform store.
        }

        var marker = await EnqueueAsync(node, "valle", new PingJob("dopo"));
        await WaitForAsync(node, "valle", marker, ZoneJobState.Done);
        // The rolled-back job's trigger fired too (or fires now), found no job, and went away.
        await EventuallyAsync(async () => await DispatchTriggersAsync(node) == 0, "the rolled-back job's trigger is still there");
        Assert.Null(await FindAsync(node, "valle", rolledBack));
        Assert.Equal(0, Probe.RunsOf("annullato"));
    }

    [Fact]
    public async Task Jobs_enqueued_by_a_recipe_commit_with_it_and_vanish_when_it_fails()
    {
        var node = await NodeAsync(runJobs: true);
        await node.Zones.CreateAsync("valle", TestPlatform.Recipe(Recipe), "test");

        await node.Zones.ApplyAsync("valle", TestPlatform.Recipe("""
            { "name": "p", "displayName": "P", "version": "1", "steps": [ { "name": "pings", "keys": [ "ricetta" ] } ] }
            """), "test");
        await Assert.ThrowsAnyAsync<Exception>(() => node.Zones.ApplyAsync("valle", TestPlatform.Recipe("""
            { "name": "p", "displayName": "P", "version": "2", "steps": [ { "name": "pings", "keys": [ "fallita" ], "failAfter": true } ] }
            """), "test"));

        await EventuallyAsync(() => Task.FromResult(Probe.RunsOf("ricetta") == 1), "the recipe's job did not run");
        await EventuallyAsync(async () => await DispatchTriggersAsync(node) == 0, "triggers left in the store");
        Assert.Equal(0, Probe.RunsOf("fallita"));
        await using var scope = await ScopeAsync(node, "valle");
        Assert.Equal(["jobtest.ping"], await scope.ServiceProvider.GetRequiredService<CoreZoneDbContext>().Jobs.Select(j => j.Name).ToListAsync());
    }

    [Fact]
    public async Task A_failing_job_is_retried_with_growing_waits_then_marked_failed_with_its_error()
    {
        var node = await NodeAsync(runJobs: true);
        await node.Zones.CreateAsync("valle", TestPlatform.Recipe(Recipe), "test");

        var id = await EnqueueAsync(node, "valle", new FlakyJob("guasto", FailTimes: 99));

        var job = await WaitForAsync(node, "valle", id, ZoneJobState.Failed);
        Assert.Equal(3, job.Attempts);
        Assert.Equal(3, job.MaxAttempts);
        Assert.Equal("InvalidOperationException: Guasto simulato al tentativo 3.", job.LastError);
        var runs = Probe.Runs.Where(r => r.Key == "guasto").ToList();
        Assert.Equal([1, 2, 3], runs.Select(r => r.Attempt));
        // Backoff: 0.3 s before the second attempt, 0.6 s before the third.
        Assert.True(runs[1].AtUtc - runs[0].AtUtc >= TimeSpan.FromMilliseconds(280), $"second attempt after {(runs[1].AtUtc - runs[0].AtUtc).TotalMilliseconds} ms");
        Assert.True(runs[2].AtUtc - runs[1].AtUtc >= TimeSpan.FromMilliseconds(580), $"third attempt after {(runs[2].AtUtc - runs[1].AtUtc).TotalMilliseconds} ms");
    }

    [Fact]
    public async Task A_job_that_fails_and_then_succeeds_is_done_with_its_attempts_counted()
    {
        var node = await NodeAsync(runJobs: true);
        await node.Zones.CreateAsync("valle", TestPlatform.Recipe(Recipe), "test");

        var id = await EnqueueAsync(node, "valle", new FlakyJob("ripresa", FailTimes: 1));

        var job = await WaitForAsync(node, "valle", id, ZoneJobState.Done);
        Assert.Equal(2, job.Attempts);
        Assert.Null(job.LastError);
    }

    [Fact]
    public async Task A_job_committed_by_a_process_that_stopped_before_running_it_runs_on_the_next_start()
    {
        // The first process enqueues and commits, and is gone before its scheduler ever ran.
        var first = await NodeAsync(runJobs: false);
        await first.Zones.CreateAsync("valle", TestPlatform.Recipe(Recipe), "test");
        var id = await EnqueueAsync(first, "valle", new PingJob("sopravvissuto"));
        _nodes.Remove(first);
        await first.DisposeAsync();
        Assert.Equal(0, Probe.RunsOf("sopravvissuto"));

        var second = await NodeAsync(runJobs: true);
        await WaitForAsync(second, "valle", id, ZoneJobState.Done);
        Assert.Equal(1, Probe.RunsOf("sopravvissuto"));
    }

    [Fact]
    public async Task A_job_of_a_module_the_zone_disabled_is_skipped_by_the_platform()
    {
        var node = await NodeAsync(runJobs: false);
        await node.Zones.CreateAsync("valle", TestPlatform.Recipe(Recipe), "test");
        var id = await EnqueueAsync(node, "valle", new PingJob("spento"));
        var change = await node.Zones.ChangeModulesAsync("valle", [], [JobsTestModule.Id]);
        Assert.True(change.Succeeded);

        await node.StartJobsAsync();

        var job = await WaitForAsync(node, "valle", id, ZoneJobState.Skipped);
        Assert.Equal(0, job.Attempts);
        Assert.Contains("«jobtest» non è attivo", job.LastError, StringComparison.Ordinal);
        Assert.Equal(0, Probe.RunsOf("spento"));
    }

    [Fact]
    public async Task Done_jobs_are_pruned_after_the_retention_time()
    {
        var node = await NodeAsync(runJobs: true, new Dictionary<string, string?> { ["Jobs:DoneRetention"] = "00:00:01" });
        await node.Zones.CreateAsync("valle", TestPlatform.Recipe(Recipe), "test");
        var failed = await EnqueueAsync(node, "valle", new FlakyJob("mai", FailTimes: 99), new ZoneJobOptions { MaxAttempts = 1 });
        var done = await EnqueueAsync(node, "valle", new PingJob("breve"));
        await WaitForAsync(node, "valle", done, ZoneJobState.Done);
        await WaitForAsync(node, "valle", failed, ZoneJobState.Failed);

        await EventuallyAsync(async () => await FindAsync(node, "valle", done) is null, "the done job was not pruned");
        // Failed jobs wait for someone to look at them.
        Assert.Equal(ZoneJobState.Failed, (await FindAsync(node, "valle", failed))!.State);
    }

    [Fact]
    public async Task A_failed_job_put_back_by_an_administrator_runs_again()
    {
        var node = await NodeAsync(runJobs: true);
        await node.Zones.CreateAsync("valle", TestPlatform.Recipe(Recipe), "test");
        var id = await EnqueueAsync(node, "valle", new FlakyJob("riprova", FailTimes: 1), new ZoneJobOptions { MaxAttempts = 1 });
        await WaitForAsync(node, "valle", id, ZoneJobState.Failed);

        await using (var scope = await ScopeAsync(node, "valle"))
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<ZoneJobAdmin>().RetryAsync(id));
        }

        var job = await WaitForAsync(node, "valle", id, ZoneJobState.Done);
        Assert.Equal(1, job.Attempts);
        Assert.Equal(2, Probe.RunsOf("riprova"));
    }

    protected async Task<TestPlatform> NodeAsync(bool runJobs, Dictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>(FastJobs);
        foreach (var (key, value) in settings ?? [])
        {
            all[key] = value;
        }

        var node = await TestPlatform.StartAsync(Store, [new JobsTestModule()], services => services.AddSingleton(Probe), all);
        _nodes.Add(node);
        if (runJobs)
        {
            await node.StartJobsAsync();
        }

        return node;
    }

    protected static async Task<IZoneScope> ScopeAsync(TestPlatform node, string slug)
    {
        var zone = await node.Services.GetRequiredService<IZoneRegistry>().FindBySlugAsync(slug) ?? throw new InvalidOperationException("no zone " + slug);
        return await node.Services.GetRequiredService<IZoneScopeFactory>().CreateScopeAsync(zone);
    }

    /// <summary>Enqueues and commits in a zone transaction, as a content operation does.</summary>
    protected static async Task<string> EnqueueAsync<TJob>(TestPlatform node, string slug, TJob job, ZoneJobOptions? options = null)
        where TJob : class
    {
        await using var scope = await ScopeAsync(node, slug);
        await using var transaction = await scope.ServiceProvider.GetRequiredService<IZoneDatabase>().BeginTransactionAsync();
        var id = await scope.ServiceProvider.GetRequiredService<IZoneJobQueue>().EnqueueAsync(job, options);
        await transaction.CommitAsync();
        return id;
    }

    private protected static async Task<ZoneJobRecord?> FindAsync(TestPlatform node, string slug, string id)
    {
        await using var scope = await ScopeAsync(node, slug);
        return await scope.ServiceProvider.GetRequiredService<CoreZoneDbContext>().Jobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == id);
    }

    private protected static async Task<ZoneJobRecord> WaitForAsync(TestPlatform node, string slug, string id, ZoneJobState state)
    {
        ZoneJobRecord? job = null;
        await EventuallyAsync(async () => (job = await FindAsync(node, slug, id))?.State == state, () => $"job {id} is {job?.State.ToString() ?? "missing"} ({job?.Attempts} attempts, {job?.LastError}), not {state}");
        return job!;
    }

    /// <summary>Dispatch triggers left in the platform store.</summary>
    protected static async Task<long> DispatchTriggersAsync(TestPlatform node)
    {
        await using var db = await node.Services.GetRequiredService<IDbContextFactory<PlatformDbContext>>().CreateDbContextAsync();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using DbCommand command = connection.CreateCommand();
        command.CommandText = node.Kind == StorageKind.Postgres
            ? "SELECT count(*) FROM qrtz_triggers WHERE trigger_group = 'zone-jobs'"
            : "SELECT count(*) FROM qrtz_TRIGGERS WHERE TRIGGER_GROUP = 'zone-jobs'";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    protected static Task EventuallyAsync(Func<Task<bool>> condition, string failure) => EventuallyAsync(condition, () => failure);

    protected static async Task EventuallyAsync(Func<Task<bool>> condition, Func<string> failure)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"{failure()} after {Deadline.TotalSeconds} s");
            }

            await Task.Delay(50);
        }
    }
}

public sealed class SqliteZoneJobTests() : ZoneJobTests(StorageKind.Sqlite);

public sealed class PostgresZoneJobTests() : ZoneJobTests(StorageKind.Postgres)
{
    [Fact]
    public async Task Two_nodes_on_one_database_run_each_job_exactly_once()
    {
        var a = await NodeAsync(runJobs: true);
        var b = await NodeAsync(runJobs: true);
        await a.Zones.CreateAsync("valle", TestPlatform.Recipe("""
            { "name": "valle", "displayName": "Valle", "version": "1", "steps": [ { "name": "features", "enable": [ "jobtest" ] } ] }
            """), "test");

        var ids = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            ids.Add(await EnqueueAsync(i % 2 == 0 ? a : b, "valle", new PingJob("n" + i)));
        }

        foreach (var id in ids)
        {
            await WaitForAsync(a, "valle", id, ZoneJobState.Done);
        }

        await EventuallyAsync(async () => await DispatchTriggersAsync(a) == 0, "triggers left in the store");
        Assert.All(Enumerable.Range(0, 20), i => Assert.Equal(1, Probe.RunsOf("n" + i)));
    }
}
