using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ZonaWelfare.Modules.Search.Analysis;
using ZonaWelfare.Modules.Search.Data;

namespace ZonaWelfare.Modules.Search.Querying;

/// <summary>
/// The current zone's synonyms, read from its database at each search (a handful of rows, so a change
/// made by a recipe on any node applies at the next search) and compiled once per distinct list.
/// </summary>
internal sealed class SynonymProvider(SearchAnalyzers analyzers)
{
    private readonly ConcurrentDictionary<string, (string Source, SynonymSet Set)> _compiled = new(StringComparer.Ordinal);

    public async Task<SynonymSet> GetAsync(string slug, SearchDbContext db, CancellationToken cancellationToken)
    {
        var rows = await db.Synonyms.AsNoTracking().OrderBy(s => s.Position).Select(s => s.Terms).ToListAsync(cancellationToken);
        if (rows.Count == 0)
        {
            return SynonymSet.Empty;
        }

        var source = string.Join('\n', rows);
        if (_compiled.TryGetValue(slug, out var cached) && cached.Source == source)
        {
            return cached.Set;
        }

        var set = SynonymSet.Compile(rows.Select(r => (IReadOnlyList<string>)(JsonSerializer.Deserialize<List<string>>(r) ?? [])), analyzers.Text);
        _compiled[slug] = (source, set);
        return set;
    }
}
