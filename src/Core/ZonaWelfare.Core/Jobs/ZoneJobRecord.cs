namespace ZonaWelfare.Core.Jobs;

/// <summary>Where a zone job is: the zone's admin lists and filters by it.</summary>
public enum ZoneJobState
{
    /// <summary>Waiting for its first attempt, or for a retry after a failed one.</summary>
    Pending = 0,

    Running = 1,

    Done = 2,

    /// <summary>Every attempt failed; the last error is kept.</summary>
    Failed = 3,

    /// <summary>Not run: the zone has not enabled the job's module (or no handler knows the job).</summary>
    Skipped = 4,
}

/// <summary>
/// One job in the zone's own database: the outbox row written in the enqueuing zone transaction, and the job's
/// state from then on. The platform store holds only the trigger that says "look at job X of zone Y".
/// </summary>
internal sealed class ZoneJobRecord
{
    public const string Table = "zone_jobs";

    public required string Id { get; set; }

    /// <summary>The registered job name (<c>AddZoneJob</c>).</summary>
    public required string Name { get; set; }

    public required string ModuleId { get; set; }

    public string? Description { get; set; }

    /// <summary>The payload as snake_case JSON.</summary>
    public required string Payload { get; set; }

    public ZoneJobState State { get; set; }

    public int Attempts { get; set; }

    public int MaxAttempts { get; set; }

    public string? LastError { get; set; }

    public DateTime CreatedUtc { get; set; }

    /// <summary>When the next attempt is due (pending jobs).</summary>
    public DateTime NextAttemptUtc { get; set; }

    public DateTime? StartedUtc { get; set; }

    public DateTime? CompletedUtc { get; set; }

    /// <summary>Until when the node running the job is presumed alive.</summary>
    public DateTime? LeaseUntilUtc { get; set; }

    /// <summary>The scheduler instance (node) that ran the latest attempt.</summary>
    public string? RunBy { get; set; }
}
