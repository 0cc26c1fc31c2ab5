using Microsoft.EntityFrameworkCore;
using ZonaWelfare.Abstractions.Caching;
using ZonaWelfare.Modules.Contents.Data;
using ZonaWelfare.Modules.Contents.Models;

namespace ZonaWelfare.Modules.Contents.Services;

/// <summary>
/// The current zone's content types and taxonomies. Every public page of a typed module asks for them (the Bussola
/// finds its types by their parts), so they are kept in the zone's data cache: read again only after a change,
/// which drops them here at once and, through the zone's eviction, on every node.
/// </summary>
internal sealed class ContentDefinitionStore(ContentsDbContext db, IZoneDataCache cache, TimeProvider time)
{
    private const string TypesKey = "contents:types";
    private const string TaxonomiesKey = "contents:taxonomies";
    private IReadOnlyList<ContentTypeDefinition>? _types;
    private IReadOnlyList<TaxonomyDefinition>? _taxonomies;

    public async Task<IReadOnlyList<ContentTypeDefinition>> ListTypesAsync(CancellationToken cancellationToken = default) =>
        _types ??= await cache.GetOrAddAsync(TypesKey, async ct => (IReadOnlyList<ContentTypeDefinition>)
            (await db.ContentTypes.AsNoTracking().OrderBy(t => t.Name).Select(t => t.Definition).ToListAsync(ct))
                .Select(ContentJson.Deserialize<ContentTypeDefinition>)
                .OrderBy(t => t.DisplayName, StringComparer.CurrentCulture)
                .ToList()
                .AsReadOnly(), cancellationToken);

    public async Task<ContentTypeDefinition?> GetTypeAsync(string name, CancellationToken cancellationToken = default) =>
        (await ListTypesAsync(cancellationToken)).FirstOrDefault(t => t.Name == name);

    public async Task<IReadOnlyList<TaxonomyDefinition>> ListTaxonomiesAsync(CancellationToken cancellationToken = default) =>
        _taxonomies ??= await cache.GetOrAddAsync(TaxonomiesKey, async ct => (IReadOnlyList<TaxonomyDefinition>)
            (await db.Taxonomies.AsNoTracking().OrderBy(t => t.Name).Select(t => t.Definition).ToListAsync(ct))
                .Select(ContentJson.Deserialize<TaxonomyDefinition>)
                .ToList()
                .AsReadOnly(), cancellationToken);

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
        cache.Remove(TypesKey);
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
        cache.Remove(TaxonomiesKey);
        return true;
    }
}
