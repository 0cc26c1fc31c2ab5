using Microsoft.EntityFrameworkCore;

namespace ZonaWelfare.Modules.Workflows.Data;

/// <summary>
/// Workflow types (each version kept), instances with their state and input, their history, the events and
/// timers they wait for, and the jobs already handled: all in the zone's own database.
/// </summary>
internal sealed class WorkflowsDbContext(DbContextOptions<WorkflowsDbContext> options) : DbContext(options)
{
    public DbSet<WorkflowTypeRecord> Types => Set<WorkflowTypeRecord>();

    public DbSet<WorkflowTypeVersionRecord> TypeVersions => Set<WorkflowTypeVersionRecord>();

    public DbSet<WorkflowStartEventRecord> StartEvents => Set<WorkflowStartEventRecord>();

    public DbSet<WorkflowInstanceRecord> Instances => Set<WorkflowInstanceRecord>();

    public DbSet<WorkflowHistoryRecord> History => Set<WorkflowHistoryRecord>();

    public DbSet<WorkflowBookmarkRecord> Bookmarks => Set<WorkflowBookmarkRecord>();

    public DbSet<WorkflowTimerRecord> Timers => Set<WorkflowTimerRecord>();

    public DbSet<WorkflowHandledJobRecord> HandledJobs => Set<WorkflowHandledJobRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<WorkflowTypeRecord>(type =>
        {
            type.ToTable("workflow_types");
            type.HasKey(t => t.Name);
            type.Property(t => t.Name).HasMaxLength(100);
            type.Property(t => t.Revision).IsConcurrencyToken();
        });
        modelBuilder.Entity<WorkflowTypeVersionRecord>(version =>
        {
            version.ToTable("workflow_type_versions");
            version.HasKey(v => new { v.TypeName, v.Version });
            version.Property(v => v.TypeName).HasMaxLength(100);
        });
        modelBuilder.Entity<WorkflowStartEventRecord>(start =>
        {
            start.ToTable("workflow_start_events");
            start.HasKey(s => new { s.EventName, s.TypeName });
            start.Property(s => s.EventName).HasMaxLength(200);
            start.Property(s => s.TypeName).HasMaxLength(100);
        });
        modelBuilder.Entity<WorkflowInstanceRecord>(instance =>
        {
            instance.ToTable("workflow_instances");
            instance.HasKey(i => i.Id);
            instance.Property(i => i.Id).HasMaxLength(32);
            instance.Property(i => i.TypeName).HasMaxLength(100);
            instance.Property(i => i.Status).HasMaxLength(20);
            instance.Property(i => i.CorrelationId).HasMaxLength(100);
            instance.Property(i => i.Revision).IsConcurrencyToken();
            // The list's filters, each index ending with its order (CreatedUtc, Id): a page is a range scan (migration
            // WorkflowInstanceKeysetIndexes).
            instance.HasIndex(i => new { i.TypeName, i.Status, i.CreatedUtc, i.Id });
            instance.HasIndex(i => new { i.TypeName, i.CreatedUtc, i.Id });
            instance.HasIndex(i => new { i.Status, i.CreatedUtc, i.Id });
            instance.HasIndex(i => new { i.CorrelationId, i.CreatedUtc, i.Id });
            instance.HasIndex(i => new { i.CreatedUtc, i.Id });
        });
        modelBuilder.Entity<WorkflowHistoryRecord>(history =>
        {
            history.ToTable("workflow_history");
            history.HasKey(h => h.Id);
            history.Property(h => h.Id).HasMaxLength(32);
            history.Property(h => h.InstanceId).HasMaxLength(32);
            history.HasIndex(h => new { h.InstanceId, h.Sequence });
        });
        modelBuilder.Entity<WorkflowBookmarkRecord>(bookmark =>
        {
            bookmark.ToTable("workflow_bookmarks");
            bookmark.HasKey(b => new { b.InstanceId, b.ActivityId });
            bookmark.Property(b => b.InstanceId).HasMaxLength(32);
            bookmark.Property(b => b.ActivityId).HasMaxLength(100);
            bookmark.Property(b => b.EventName).HasMaxLength(200);
            bookmark.Property(b => b.CorrelationId).HasMaxLength(100);
            bookmark.HasIndex(b => new { b.EventName, b.CorrelationId });
        });
        modelBuilder.Entity<WorkflowTimerRecord>(timer =>
        {
            timer.ToTable("workflow_timers");
            timer.HasKey(t => t.Id);
            timer.Property(t => t.Id).HasMaxLength(32);
            timer.Property(t => t.InstanceId).HasMaxLength(32);
            timer.Property(t => t.TypeName).HasMaxLength(100);
            timer.Property(t => t.ActivityId).HasMaxLength(100);
            timer.HasIndex(t => t.InstanceId);
            timer.HasIndex(t => new { t.FiredUtc, t.DueUtc });
        });
        modelBuilder.Entity<WorkflowHandledJobRecord>(handled =>
        {
            handled.ToTable("workflow_handled_jobs");
            handled.HasKey(h => h.JobId);
            handled.Property(h => h.JobId).HasMaxLength(300);
        });
    }
}

/// <summary>A workflow type: its current version and whether it starts instances.</summary>
internal sealed class WorkflowTypeRecord
{
    public required string Name { get; set; }

    public required string DisplayName { get; set; }

    public bool Enabled { get; set; }

    public int CurrentVersion { get; set; }

    public DateTime UpdatedUtc { get; set; }

    public int Revision { get; set; }
}

/// <summary>One version of a type: its whole definition (JSON), never changed once written.</summary>
internal sealed class WorkflowTypeVersionRecord
{
    public required string TypeName { get; set; }

    public int Version { get; set; }

    public required string Definition { get; set; }

    public DateTime CreatedUtc { get; set; }

    public string? CreatedBy { get; set; }
}

/// <summary>An event that starts instances of an enabled type (its current version): found without reading definitions.</summary>
internal sealed class WorkflowStartEventRecord
{
    public required string EventName { get; set; }

    public required string TypeName { get; set; }
}

/// <summary>What an instance is doing; the state says where it waits.</summary>
internal static class WorkflowStatus
{
    /// <summary>Stopped at one or more events or timers.</summary>
    public const string Waiting = "waiting";

    public const string Finished = "finished";

    /// <summary>An activity failed; the instance can be retried from it, or cancelled.</summary>
    public const string Faulted = "faulted";

    public const string Cancelled = "cancelled";

    public static readonly IReadOnlyList<string> All = [Waiting, Finished, Faulted, Cancelled];

    public static string Describe(string status) => status switch
    {
        Waiting => "In attesa",
        Finished => "Concluso",
        Faulted => "In errore",
        Cancelled => "Annullato",
        _ => status,
    };
}

/// <summary>A running or ended instance of a type version (the index the admin lists and counts).</summary>
internal sealed class WorkflowInstanceRecord
{
    public required string Id { get; set; }

    public required string TypeName { get; set; }

    public int Version { get; set; }

    public required string Status { get; set; }

    /// <summary>The item the instance is about (a content item id), if any.</summary>
    public string? CorrelationId { get; set; }

    /// <summary>The input of the event that started it (JSON), kept for its whole life.</summary>
    public required string Input { get; set; }

    /// <summary>Where it waits, join counters, properties (JSON, <see cref="Services.InstanceState"/>).</summary>
    public required string State { get; set; }

    public string? Fault { get; set; }

    public DateTime CreatedUtc { get; set; }

    public DateTime UpdatedUtc { get; set; }

    public DateTime? EndedUtc { get; set; }

    /// <summary>Optimistic concurrency: two nodes advancing one instance at once, one of them retries.</summary>
    public int Revision { get; set; }
}

/// <summary>One step of an instance's life: an activity run, with its outcome and what it saw.</summary>
internal sealed class WorkflowHistoryRecord
{
    public required string Id { get; set; }

    public required string InstanceId { get; set; }

    /// <summary>Order within the instance.</summary>
    public int Sequence { get; set; }

    public DateTime Utc { get; set; }

    public required string ActivityId { get; set; }

    public required string ActivityName { get; set; }

    /// <summary>The outcomes it left by (comma-separated), <c>waiting</c>, or <c>fault</c>.</summary>
    public required string Outcome { get; set; }

    public string? Message { get; set; }

    /// <summary>The trigger that resumed it, when one did (JSON).</summary>
    public string? Data { get; set; }
}

/// <summary>An instance waiting at an event activity, found by the event's name and the item it is about.</summary>
internal sealed class WorkflowBookmarkRecord
{
    public required string InstanceId { get; set; }

    public required string ActivityId { get; set; }

    public required string EventName { get; set; }

    /// <summary>The item the event must be about; null: any.</summary>
    public string? CorrelationId { get; set; }
}

/// <summary>
/// A durable timer: an instance waiting at a timer activity, or (with <see cref="TypeName"/> and no instance) a cron
/// schedule that starts instances. Fired by a delayed zone job that claims the row (<see cref="FiredUtc"/>) in the
/// transaction that advances the instance: once and only once, on whichever node runs the job.
/// </summary>
internal sealed class WorkflowTimerRecord
{
    public required string Id { get; set; }

    public string? InstanceId { get; set; }

    public string? TypeName { get; set; }

    public int? TypeVersion { get; set; }

    public required string ActivityId { get; set; }

    public DateTime DueUtc { get; set; }

    public DateTime? FiredUtc { get; set; }

    public DateTime CreatedUtc { get; set; }
}

/// <summary>A unit of a zone job (the job, and the instance or type it advanced) whose effects are committed: a job run again (at-least-once) does nothing twice.</summary>
internal sealed class WorkflowHandledJobRecord
{
    public required string JobId { get; set; }

    public DateTime HandledUtc { get; set; }
}
