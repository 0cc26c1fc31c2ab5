namespace ZonaWelfare.Core.Jobs;

/// <summary>Bound from the <c>Jobs</c> configuration section: the zone job engine (Quartz.NET) and its retries.</summary>
public sealed class JobsOptions
{
    public const string SectionName = "Jobs";

    /// <summary>Whether this process runs jobs. A process that does not (a CLI command) still enqueues them for the others.</summary>
    public bool RunScheduler { get; set; } = true;

    /// <summary>
    /// How often an idle node asks the platform store for due triggers. The only idle cost of the engine, and
    /// one query per node whatever the number of zones; a job enqueued on this node wakes it at once anyway.
    /// </summary>
    public TimeSpan IdleWaitTime { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Jobs one node runs at the same time.</summary>
    public int MaxConcurrency { get; set; } = 4;

    /// <summary>PostgreSQL cluster: how often a node records that it is alive.</summary>
    public TimeSpan ClusterCheckinInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>PostgreSQL cluster: how long past a missed check-in the others take over a node's running jobs.</summary>
    public TimeSpan ClusterCheckinMisfireThreshold { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Attempts of a job whose registration and enqueue say nothing, before it is marked failed.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Wait before the second attempt; doubled for each further one (exponential backoff).</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest wait between two attempts.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How long a running job is presumed alive. A node that dies mid-job has its firing recovered by the
    /// cluster; past this lease, any later firing for the job may also take it over.
    /// </summary>
    public TimeSpan RunningLease { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Done jobs are deleted from the zone's list this long after they completed.</summary>
    public TimeSpan DoneRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>A job of a zone that is switched off, or not registered yet (being created), is looked at again after this.</summary>
    public TimeSpan UnavailableZoneDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a dispatch waits for a zone transaction that may still be writing the job.</summary>
    public TimeSpan CommitWait { get; set; } = TimeSpan.FromSeconds(20);
}
