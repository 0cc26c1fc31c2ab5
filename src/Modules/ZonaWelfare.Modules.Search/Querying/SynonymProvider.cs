using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ZonaWelfare.Abstractions.Caching;
using ZonaWelfare.Modules.Search.Analysis;
using ZonaWelfare.Modules.Search.Data;

namespace ZonaWelfare.Modules.Search.Querying;

/// <summary>
/// The current zone's synonyms, compiled, from the zone's data cache: read from its database (a handful of rows) only
/// after the zone's data changed, e.g. a recipe applied on any node.
/// </summary>
internal sealed class SynonymProvider(SearchAnalyzers analyzers)
{
    private const string CacheKey = "search:synonyms";

    public Task<SynonymSet> GetAsync(SearchDbContext db, IZoneDataCache cache, CancellationToken cancellationToken) =>
        cache.GetOrAddAsync(CacheKey, async ct =>
        {
            var rows = await db.Synonyms.AsNoTracking().OrderBy(s => s.Position).Select(s => s.Terms).ToListAsync(ct);
            return rows.Count == 0
                ? SynonymSet.Empty
                : SynonymSet.Compile(rows.Select(r => (IReadOnlyList<string>)(JsonSerializer.Deserialize<List<string>>(r) ?? [])), analyzers.Text);
        }, cancellationToken);
}
