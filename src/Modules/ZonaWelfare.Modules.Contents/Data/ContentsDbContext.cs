using Microsoft.EntityFrameworkCore;

namespace ZonaWelfare.Modules.Contents.Data;

/// <summary>
/// The Contents tables of a zone: definitions, one row per item version (the JSON document), and the
/// index tables every query goes through, written in the same transaction as the versions.
/// </summary>
internal sealed class ContentsDbContext(DbContextOptions<ContentsDbContext> options) : DbContext(options)
{
    public DbSet<ContentTypeRecord> ContentTypes => Set<ContentTypeRecord>();

    public DbSet<TaxonomyRecord> Taxonomies => Set<TaxonomyRecord>();

    public DbSet<ContentVersionRecord> Versions => Set<ContentVersionRecord>();

    public DbSet<ContentItemIndex> Items => Set<ContentItemIndex>();

    public DbSet<ContentRouteIndex> Routes => Set<ContentRouteIndex>();

    public DbSet<ContentMenuIndex> Menu => Set<ContentMenuIndex>();

    public DbSet<ContentTermIndex> Terms => Set<ContentTermIndex>();

    public DbSet<MediaRecord> Media => Set<MediaRecord>();

    public DbSet<AuditRecord> Audit => Set<AuditRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ContentTypeRecord>(e =>
        {
            e.ToTable("content_types");
            e.HasKey(t => t.Name);
        });
        modelBuilder.Entity<TaxonomyRecord>(e =>
        {
            e.ToTable("content_taxonomies");
            e.HasKey(t => t.Name);
        });
        modelBuilder.Entity<ContentVersionRecord>(e =>
        {
            e.ToTable("content_item_versions");
            e.HasKey(v => v.ContentItemVersionId);
            e.HasIndex(v => new { v.ContentItemId, v.Number }).IsUnique();
        });
        modelBuilder.Entity<ContentItemIndex>(e =>
        {
            e.ToTable("content_item_index");
            e.HasKey(i => i.ContentItemId);
            e.HasIndex(i => new { i.Deleted, i.ContentType, i.ModifiedUtc });
            e.HasIndex(i => i.Path);
        });
        modelBuilder.Entity<ContentRouteIndex>(e =>
        {
            e.ToTable("content_routes");
            e.HasKey(r => r.Path);
            e.HasIndex(r => r.ContentItemId).IsUnique();
        });
        modelBuilder.Entity<ContentMenuIndex>(e =>
        {
            e.ToTable("content_menu");
            e.HasKey(m => m.ContentItemId);
        });
        modelBuilder.Entity<ContentTermIndex>(e =>
        {
            e.ToTable("content_terms");
            e.HasKey(t => new { t.ContentItemId, t.Field, t.TermId });
            e.HasIndex(t => new { t.Taxonomy, t.TermId });
        });
        modelBuilder.Entity<MediaRecord>(e =>
        {
            e.ToTable("content_media");
            e.HasKey(m => m.Path);
        });
        modelBuilder.Entity<AuditRecord>(e =>
        {
            e.ToTable("content_audit");
            e.HasKey(a => a.Id);
            e.HasIndex(a => a.Utc);
            e.HasIndex(a => a.ContentItemId);
        });
    }
}

internal sealed class ContentTypeRecord
{
    public required string Name { get; set; }

    public required string DisplayName { get; set; }

    /// <summary>The <see cref="Models.ContentTypeDefinition"/> as JSON.</summary>
    public required string Definition { get; set; }

    public DateTime UpdatedUtc { get; set; }
}

internal sealed class TaxonomyRecord
{
    public required string Name { get; set; }

    public required string DisplayName { get; set; }

    /// <summary>The <see cref="Models.TaxonomyDefinition"/> as JSON.</summary>
    public required string Definition { get; set; }

    public DateTime UpdatedUtc { get; set; }
}

/// <summary>One version of an item: its JSON document and who wrote it when.</summary>
internal sealed class ContentVersionRecord
{
    public required string ContentItemVersionId { get; set; }

    public required string ContentItemId { get; set; }

    public required string ContentType { get; set; }

    public int Number { get; set; }

    public bool Latest { get; set; }

    public bool Published { get; set; }

    public required string DisplayText { get; set; }

    public required string Content { get; set; }

    public string? Owner { get; set; }

    public string? Author { get; set; }

    public DateTime CreatedUtc { get; set; }

    public DateTime ModifiedUtc { get; set; }

    public DateTime? PublishedUtc { get; set; }
}

/// <summary>One row per item: what lists, filters and look-ups need, without reading JSON.</summary>
internal sealed class ContentItemIndex
{
    public required string ContentItemId { get; set; }

    public required string ContentType { get; set; }

    public required string DisplayText { get; set; }

    /// <summary>Display text folded to lower case without accents, for the text filter.</summary>
    public required string SearchText { get; set; }

    /// <summary>Public path of the latest version (null without a route pattern).</summary>
    public string? Path { get; set; }

    public required string LatestVersionId { get; set; }

    public int LatestNumber { get; set; }

    public string? PublishedVersionId { get; set; }

    public bool Published { get; set; }

    /// <summary>The latest version is not the published one.</summary>
    public bool HasDraft { get; set; }

    public string? Owner { get; set; }

    public string? Author { get; set; }

    public DateTime CreatedUtc { get; set; }

    public DateTime ModifiedUtc { get; set; }

    public DateTime? PublishedUtc { get; set; }

    public bool Deleted { get; set; }

    public DateTime? DeletedUtc { get; set; }

    public string? DeletedBy { get; set; }
}

/// <summary>Public path → published item; the primary key keeps paths unique in the zone.</summary>
internal sealed class ContentRouteIndex
{
    public required string Path { get; set; }

    public required string ContentItemId { get; set; }

    public required string ContentType { get; set; }
}

/// <summary>Published items shown in the zone's navigation.</summary>
internal sealed class ContentMenuIndex
{
    public required string ContentItemId { get; set; }

    public required string Text { get; set; }

    public required string Path { get; set; }

    public int Order { get; set; }
}

/// <summary>Taxonomy terms of published items, by field.</summary>
internal sealed class ContentTermIndex
{
    public required string ContentItemId { get; set; }

    public required string Field { get; set; }

    public required string Taxonomy { get; set; }

    public required string TermId { get; set; }
}

/// <summary>A file in the zone's media folder; the media endpoint serves only files listed here.</summary>
internal sealed class MediaRecord
{
    public required string Path { get; set; }

    public required string FileName { get; set; }

    public required string ContentType { get; set; }

    public long Size { get; set; }

    public string? UploadedBy { get; set; }

    public DateTime UploadedUtc { get; set; }
}

/// <summary>Who did what, when: written by a content handler in the operation's transaction.</summary>
internal sealed class AuditRecord
{
    public required string Id { get; set; }

    public DateTime Utc { get; set; }

    public string? UserName { get; set; }

    public required string Action { get; set; }

    public string? ContentItemId { get; set; }

    public string? ContentItemVersionId { get; set; }

    public int? VersionNumber { get; set; }

    public string? ContentType { get; set; }

    public string? DisplayText { get; set; }

    public string? Details { get; set; }
}
