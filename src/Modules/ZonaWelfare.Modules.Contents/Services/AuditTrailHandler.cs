using ZonaWelfare.Abstractions.Contents;
using ZonaWelfare.Modules.Contents.Data;

namespace ZonaWelfare.Modules.Contents.Services;

/// <summary>Feeds the audit trail from content events, in the operation's own transaction.</summary>
internal sealed class AuditTrailHandler(ContentsDbContext db, ContentOperation operation, TimeProvider time) : IContentHandler, IContentAuditTrail
{
    public string ModuleId => ContentsIds.Module;

    public const string Created = "created";
    public const string Updated = "updated";
    public const string Published = "published";
    public const string Unpublished = "unpublished";
    public const string Removed = "removed";
    public const string TypeChanged = "type-changed";

    public Task CreatedAsync(ContentEventContext context, CancellationToken cancellationToken) => WriteAsync(Created, context, cancellationToken);

    public Task UpdatedAsync(ContentEventContext context, CancellationToken cancellationToken) => WriteAsync(Updated, context, cancellationToken);

    public Task PublishedAsync(ContentEventContext context, CancellationToken cancellationToken) => WriteAsync(Published, context, cancellationToken);

    public Task UnpublishedAsync(ContentEventContext context, CancellationToken cancellationToken) => WriteAsync(Unpublished, context, cancellationToken);

    public Task RemovedAsync(ContentEventContext context, CancellationToken cancellationToken) => WriteAsync(Removed, context, cancellationToken);

    public static string Describe(string action) => action switch
    {
        Created => "Creazione",
        Updated => "Modifica",
        Published => "Pubblicazione",
        Unpublished => "Ritiro dalla pubblicazione",
        Removed => "Eliminazione",
        TypeChanged => "Modifica del tipo di contenuto",
        "workflow" => "Flusso di lavoro",
        _ => action,
    };

    /// <summary>Records a change that is not about one item (e.g. a content type), in the caller's transaction.</summary>
    public async Task WriteAsync(string action, string? contentType, string? displayText, string? details, CancellationToken cancellationToken)
    {
        db.Audit.Add(new AuditRecord
        {
            Id = Guid.NewGuid().ToString("N"),
            Utc = time.GetUtcNow().UtcDateTime,
            UserName = operation.UserName,
            Action = action,
            ContentType = contentType,
            DisplayText = displayText,
            Details = details,
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>A record another module writes (a workflow's audit task, for instance), in the caller's transaction.</summary>
    async Task IContentAuditTrail.WriteAsync(string action, string details, ContentItem? item, string? userName, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(action);
        db.Audit.Add(new AuditRecord
        {
            Id = Guid.NewGuid().ToString("N"),
            Utc = time.GetUtcNow().UtcDateTime,
            UserName = userName ?? operation.UserName,
            Action = action,
            ContentItemId = item?.ContentItemId,
            ContentItemVersionId = item?.ContentItemVersionId,
            VersionNumber = item?.Number,
            ContentType = item?.ContentType,
            DisplayText = item?.DisplayText,
            Details = details,
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task WriteAsync(string action, ContentEventContext context, CancellationToken cancellationToken)
    {
        db.Audit.Add(new AuditRecord
        {
            Id = Guid.NewGuid().ToString("N"),
            Utc = time.GetUtcNow().UtcDateTime,
            UserName = context.UserName,
            Action = action,
            ContentItemId = context.Item.ContentItemId,
            ContentItemVersionId = context.Item.ContentItemVersionId,
            VersionNumber = context.Item.Number,
            ContentType = context.Item.ContentType,
            DisplayText = context.Item.DisplayText,
            Details = operation.Note,
        });
        await db.SaveChangesAsync(cancellationToken);
    }
}
