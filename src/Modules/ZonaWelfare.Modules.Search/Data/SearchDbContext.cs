using Microsoft.EntityFrameworkCore;

namespace ZonaWelfare.Modules.Search.Data;

/// <summary>The Search module's tables in each zone's database.</summary>
internal sealed class SearchDbContext(DbContextOptions<SearchDbContext> options) : DbContext(options)
{
    public const string TasksTable = "search_indexing_tasks";

    public DbSet<IndexingTask> Tasks => Set<IndexingTask>();

    public DbSet<IndexNode> Nodes => Set<IndexNode>();

    public DbSet<SearchStateValue> State => Set<SearchStateValue>();

    public DbSet<SynonymGroupRecord> Synonyms => Set<SynonymGroupRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<IndexingTask>(task =>
        {
            task.ToTable(TasksTable);
            task.HasKey(t => t.Id);
            task.Property(t => t.Id).ValueGeneratedOnAdd();
            task.Property(t => t.ContentItemId).HasMaxLength(100);
            task.HasIndex(t => t.CreatedUtc);
        });
        modelBuilder.Entity<IndexNode>(node =>
        {
            node.ToTable("search_index_nodes");
            node.HasKey(n => n.NodeId);
        });
        modelBuilder.Entity<SearchStateValue>(state =>
        {
            state.ToTable("search_state");
            state.HasKey(s => s.Name);
        });
        modelBuilder.Entity<SynonymGroupRecord>(group =>
        {
            group.ToTable("search_synonyms");
            group.HasKey(g => g.Position);
            group.Property(g => g.Position).ValueGeneratedNever();
        });
    }
}

/// <summary>What happened to a content item, as far as the index cares.</summary>
internal enum IndexingTaskKind
{
    /// <summary>Re-read the item's published version and index it (or remove it when there is none).</summary>
    Update = 0,

    /// <summary>Remove the item's document.</summary>
    Delete = 1,
}

/// <summary>
/// A row of the durable indexing log, written in the same transaction as the content change. Ids grow
/// in commit order (see <see cref="IndexingTaskStore"/>), so "processed up to id N" is a watermark.
/// </summary>
internal sealed class IndexingTask
{
    public long Id { get; set; }

    public required string ContentItemId { get; set; }

    public IndexingTaskKind Kind { get; set; }

    public DateTime CreatedUtc { get; set; }
}

/// <summary>How far one node's local index has processed the log; pruning keeps what some live node still needs.</summary>
internal sealed class IndexNode
{
    public required string NodeId { get; set; }

    public long LastTaskId { get; set; }

    public DateTime UpdatedUtc { get; set; }
}

/// <summary>Named counters of the module, e.g. the highest pruned task id.</summary>
internal sealed class SearchStateValue
{
    public const string PrunedThrough = "pruned_through";

    public required string Name { get; set; }

    public long Value { get; set; }
}

/// <summary>One synonym group of the zone (from the <c>searchIndexes</c> recipe step), its terms as a JSON array.</summary>
internal sealed class SynonymGroupRecord
{
    public int Position { get; set; }

    public required string Terms { get; set; }
}
