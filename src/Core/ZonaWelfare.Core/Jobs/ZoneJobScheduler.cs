using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;
using Quartz.Extensibility;
using ZonaWelfare.Core.Data.Migrations;
using ZonaWelfare.Core.Storage;

namespace ZonaWelfare.Core.Jobs;

/// <summary>
/// The process's Quartz.NET scheduler over the platform database: clustered on PostgreSQL (several nodes,
/// each trigger fires on one of them; a dead node's firings are recovered by the others), a single node on
/// SQLite (Quartz refuses to cluster SQLite; a restart recovers its in-progress firings). Built on first use,
/// so a process that only enqueues (the CLI, a seeder) never starts it; started by <see cref="ZoneJobsHost"/>.
/// The store holds one trigger per due job attempt and one per zone with done jobs to prune, nothing per
/// idle zone: an idle node costs one query every <see cref="JobsOptions.IdleWaitTime"/>, whatever the zones.
/// </summary>
internal sealed class ZoneJobScheduler : IAsyncDisposable
{
    public const string DataZone = "zone";
    public const string DataJob = "job";
    public const string DataWaits = "waits";

    private const string Group = "zonawelfare";
    private const string DispatchGroup = "zone-jobs";
    private const string PruneGroup = "zone-jobs-prune";

    public static readonly JobKey DispatchKey = new("dispatch", Group);
    public static readonly JobKey PruneKey = new("prune", Group);

    private readonly IZoneStorage _storage;
    private readonly JobsOptions _options;
    private readonly IServiceProvider _services;
    private readonly ILoggerFactory _loggers;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private StandaloneSchedulerFactory? _factory;
    private volatile IScheduler? _scheduler;

    public ZoneJobScheduler(IZoneStorage storage, IOptions<JobsOptions> options, IServiceProvider services, ILoggerFactory loggers)
    {
        _storage = storage;
        _options = options.Value;
        _services = services;
        _loggers = loggers;
    }

    /// <summary>The scheduler, built (not started) on first use.</summary>
    public async Task<IScheduler> GetAsync(CancellationToken cancellationToken = default)
    {
        if (_scheduler is { } ready)
        {
            return ready;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            return _scheduler ??= await BuildAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Makes the dispatcher look at job <paramref name="jobId"/> of zone <paramref name="slug"/> at <paramref name="at"/> (or at once, if past).</summary>
    public async Task ScheduleDispatchAsync(string slug, string jobId, DateTimeOffset at, int waits = 0, CancellationToken cancellationToken = default)
    {
        var scheduler = await GetAsync(cancellationToken);
        // A key of its own per firing: a retry, a lease check and an administrator's "riprova" never collide.
        var trigger = TriggerBuilder.Create()
            .WithIdentity($"{slug}/{jobId}/{Guid.NewGuid().ToString("N")[..8]}", DispatchGroup)
            .ForJob(DispatchKey)
            .UsingJobData(DataZone, slug)
            .UsingJobData(DataJob, jobId)
            .UsingJobData(DataWaits, waits)
            .StartAt(at)
            .Build();
        await scheduler.ScheduleJob(trigger, new ScheduleJobOptions(), cancellationToken);
    }

    /// <summary>Makes the pruner of zone <paramref name="slug"/> run at <paramref name="at"/>, unless it already runs earlier.</summary>
    public async Task SchedulePruneAsync(string slug, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        var scheduler = await GetAsync(cancellationToken);
        var key = new TriggerKey(slug, PruneGroup);
        // A trigger that is firing right now has no next fire time: replacing it then is what Quartz
        // supports (the firing completes without deleting the replacement), so no done job is left out.
        if (await scheduler.GetTrigger(key, cancellationToken) is { } existing && existing.NextFireTimeUtc is { } next && next <= at)
        {
            return;
        }

        var trigger = TriggerBuilder.Create().WithIdentity(key).ForJob(PruneKey).UsingJobData(DataZone, slug).StartAt(at).Build();
        await scheduler.ScheduleJob(trigger, new ScheduleJobOptions { Replace = true }, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_scheduler is { } scheduler)
        {
            await scheduler.Shutdown(waitForJobsToComplete: false);
        }

        _factory?.Dispose();
        _gate.Dispose();
    }

    private async Task<IScheduler> BuildAsync(CancellationToken cancellationToken)
    {
        var options = _options;
        var postgres = _storage.Provider == StorageProvider.Postgres;
        var connectionString = _storage.PlatformConnectionString;
        _factory = QuartzSchedulerBuilder.Create(q =>
        {
            // Quartz's own container: its log events go to the host's logging.
            q.Services.AddSingleton(_loggers);
            q.ConfigureScheduler(s =>
            {
                s.InstanceName = "zonawelfare";
                s.IdleWaitTime = options.IdleWaitTime;
            });
            q.UseDefaultThreadPool(options.MaxConcurrency);
            q.UseJobFactory(new HostJobFactory(_services));
            q.UsePersistentStore(store =>
            {
                if (postgres)
                {
                    store.UsePostgres(connectionString);
                    store.UseClustering(c =>
                    {
                        c.CheckinInterval = options.ClusterCheckinInterval;
                        c.CheckinMisfireThreshold = options.ClusterCheckinMisfireThreshold;
                    });
                }
                else
                {
                    store.UseSqlite(connectionString);
                }

                store.ConfigureStore(s =>
                {
                    s.TablePrefix = PlatformJobStore.TablePrefix;
                    // The tables come from the platform migration; the scheduler only checks them.
                    s.SchemaProvisioning = SchemaProvisioning.Validate;
                });
            });
        }).Build();
        var scheduler = await _factory.GetScheduler(cancellationToken);
        // Durable, so the triggers of every zone share one job; recovery, so a dead node's firing runs again.
        var dispatch = JobBuilder.Create<ZoneJobDispatchJob>().WithIdentity(DispatchKey).StoreDurably().RequestRecovery().Build();
        var prune = JobBuilder.Create<ZoneJobPruneJob>().WithIdentity(PruneKey).StoreDurably().RequestRecovery().Build();
        await scheduler.AddJob(dispatch, new AddJobOptions { Replace = true }, cancellationToken);
        await scheduler.AddJob(prune, new AddJobOptions { Replace = true }, cancellationToken);

        return scheduler;
    }

    /// <summary>Quartz's jobs are the host's singletons: they reach zones through <see cref="Abstractions.Zones.IZoneScopeFactory"/>.</summary>
    private sealed class HostJobFactory(IServiceProvider services) : IJobFactory
    {
        public ValueTask<JobScope> CreateJob(TriggerFiredBundle bundle, IScheduler scheduler, CancellationToken cancellationToken) =>
            bundle.JobDetail.JobType.TryResolve(out var type)
                ? ValueTask.FromResult(new JobScope((IJob)services.GetRequiredService(type), null!))
                : throw new SchedulerException($"The job type {bundle.JobDetail.JobType.FullName} of {bundle.JobDetail.Key} is not known to this host.");

        public ValueTask ReturnJob(JobScope scope, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }
}
