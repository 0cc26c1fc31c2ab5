using Microsoft.EntityFrameworkCore;
using ZonaWelfare.Abstractions.Caching;
using ZonaWelfare.Abstractions.Data;
using ZonaWelfare.Modules.Contents.Models;

namespace ZonaWelfare.Modules.Contents.Services;

/// <summary>Saves a type from the admin: checks it, writes it, re-indexes its items and records it in the audit trail, in one transaction.</summary>
internal sealed class ContentTypeService(
    ContentDefinitionStore store,
    ContentShape shape,
    ContentIndexer indexer,
    AuditTrailHandler audit,
    IZoneDatabase database,
    IZoneCacheInvalidator cache,
    Abstractions.Zones.IZoneContext zoneContext)
{
    /// <summary>Problems by path relative to the type; empty when it was saved.</summary>
    public async Task<Dictionary<string, string>> SaveAsync(ContentTypeDefinition type, string details, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var taxonomies = (await store.ListTaxonomiesAsync(cancellationToken)).Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var types = (await store.ListTypesAsync(cancellationToken)).Select(t => t.Name).Append(type.Name).ToHashSet(StringComparer.Ordinal);
        var zone = zoneContext.Current;
        DefinitionRules.CheckType(type, shape.Parts, zone.IsModuleEnabled, taxonomies.Contains, types.Contains, (path, message) => errors.TryAdd(path, message));
        if (errors.Count > 0)
        {
            return errors;
        }

        await using var transaction = await database.BeginTransactionAsync(cancellationToken);
        try
        {
            if (await store.SaveTypeAsync(type, cancellationToken))
            {
                await indexer.ReindexTypeAsync(type, cancellationToken);
                await audit.WriteAsync(AuditTrailHandler.TypeChanged, type.Name, type.DisplayName, details, cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            errors["settings.routePattern"] = "Con questo schema due contenuti avrebbero lo stesso indirizzo: scegli uno schema diverso.";
            return errors;
        }

        await cache.InvalidateAsync(cancellationToken);
        return errors;
    }
}
