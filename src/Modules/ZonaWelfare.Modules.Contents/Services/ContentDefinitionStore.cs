using Microsoft.EntityFrameworkCore;
using ZonaWelfare.Modules.Contents.Data;
using ZonaWelfare.Modules.Contents.Models;

namespace ZonaWelfare.Modules.Contents.Services;

/// <summary>The current zone's content types and taxonomies, read once per scope.</summary>
internal sealed class ContentDefinitionStore(ContentsDbContext db, TimeProvider time)
{
    private List<ContentTypeDefinition>? _types;
    private List<TaxonomyDefinition>? _taxonomies;

    public async Task<IReadOnlyList<ContentTypeDefinition>> ListTypesAsync(CancellationToken cancellationToken = default) =>
        _types ??= (await db.ContentTypes.AsNoTracking().OrderBy(t => t.Name).Select(t => t.Definition).ToListAsync(cancellationToken))
            .Select(ContentJson.Deserialize<ContentTypeDefinition>)
            .OrderBy(t => t.DisplayName, StringComparer.CurrentCulture)
            .ToList();

    public async Task<ContentTypeDefinition?> GetTypeAsync(string name, CancellationToken cancellationToken = default) =>
        (await ListTypesAsync(cancellationToken)).FirstOrDefault(t => t.Name == name);

    public async Task<IReadOnlyList<TaxonomyDefinition>> ListTaxonomiesAsync(CancellationToken cancellationToken = default) =>
        _taxonomies ??= (await db.Taxonomies.AsNoTracking().OrderBy(t => t.Name).Select(t => t.Definition).ToListAsync(cancellationToken))
            .Select(ContentJson.Deserialize<TaxonomyDefinition>)
            .ToList();

    public async Task<TaxonomyDefinition?> GetTaxonomyAsync(string name, CancellationToken cancellationToken = default) =>
        (await ListTaxonomiesAsync(cancellationToken)).FirstOrDefault(t => t.Name == name);

    /// <summary>Inserts or replaces a type; returns whether anything changed.</summary>
    public async Task<bool> SaveTypeAsync(ContentTypeDefinition definition, CancellationToken cancellationToken = default)
    {
        var json = ContentJson.Serialize(definition);
        var record = await db.ContentTypes.FindAsync([definition.Name], cancellationToken);
        if (record is not null && record.Definition == json && record.DisplayName == definition.DisplayName)
        {
            return false;
        }

        if (record is null)
        {
            db.ContentTypes.Add(new ContentTypeRecord { Name = definition.Name, DisplayName = definition.DisplayName, Definition = json, UpdatedUtc = time.GetUtcNow().UtcDateTime });
        }
        else
        {
            record.DisplayName = definition.DisplayName;
            record.Definition = json;
            record.UpdatedUtc = time.GetUtcNow().UtcDateTime;
        }

        await db.SaveChangesAsync(cancellationToken);
        _types = null;
        return true;
    }

    /// <summary>Inserts or replaces a taxonomy; returns whether anything changed.</summary>
    public async Task<bool> SaveTaxonomyAsync(TaxonomyDefinition taxonomy, CancellationToken cancellationToken = default)
    {
        var json = ContentJson.Serialize(taxonomy);
        var record = await db.Taxonomies.FindAsync([taxonomy.Name], cancellationToken);
        if (record is not null && record.Definition == json && record.DisplayName == taxonomy.DisplayName)
        {
            return false;
        }

        if (record is null)
        {
            db.Taxonomies.Add(new TaxonomyRecord { Name = taxonomy.Name, DisplayName = taxonomy.DisplayName, Definition = json, UpdatedUtc = time.GetUtcNow().UtcDateTime });
        }
        else
        {
            record.DisplayName = taxonomy.DisplayName;
            record.Definition = json;
            record.UpdatedUtc = time.GetUtcNow().UtcDateTime;
        }

        await db.SaveChangesAsync(cancellationToken);
        _taxonomies = null;
        return true;
    }
}
