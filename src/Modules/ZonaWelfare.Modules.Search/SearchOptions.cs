namespace ZonaWelfare.Modules.Search;

/// <summary>Tuning of the indexer, bound from the <c>Search</c> configuration section.</summary>
internal sealed class SearchOptions
{
    public const string SectionName = "Search";

    /// <summary>How often the background indexer looks for tasks of the zones open on this node (other nodes' changes).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Tasks applied per Lucene commit.</summary>
    public int BatchSize { get; set; } = 200;

    /// <summary>A search first applies up to this many pending tasks, so a change is visible at once; a bigger backlog is left to the background indexer.</summary>
    public int SearchCatchUpLimit { get; set; } = 1000;

    /// <summary>How long a search waits for an indexing batch in progress before answering from the index as it is.</summary>
    public TimeSpan SearchCatchUpWait { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>An index not used for this long is closed (memory stays proportional to active zones).</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How often processed tasks are pruned.</summary>
    public TimeSpan PruneInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Processed tasks younger than this are kept (a margin for nodes that are starting).</summary>
    public TimeSpan TaskRetention { get; set; } = TimeSpan.FromHours(1);

    /// <summary>A node silent for this long no longer holds tasks back; if it returns, it rebuilds its index.</summary>
    public TimeSpan NodeRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Below this many exact hits, a search also tries words within one or two typos.</summary>
    public int FuzzyFallbackThreshold { get; set; } = 3;
}
