using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ZonaWelfare.Abstractions.Recipes;
using ZonaWelfare.Modules.Search.Analysis;
using ZonaWelfare.Modules.Search.Data;
using ZonaWelfare.Modules.Search.Querying;

namespace ZonaWelfare.Modules.Search.Recipes;

/// <summary>
/// The <c>searchIndexes</c> step: the zone's search settings, today its synonym groups, e.g.
/// <c>{ "name": "searchIndexes", "synonyms": [ [ "anziani", "anziano", "terza età" ] ] }</c>. Applying it
/// replaces the zone's groups (synonyms apply at query time: no re-indexing needed).
/// </summary>
internal sealed class SearchIndexesStep(SearchAnalyzers analyzers) : RecipeStep<SearchIndexesStep.Model>
{
    public const string StepName = "searchIndexes";
    private const int MaxTermLength = 100;

    public override string Name => StepName;

    public override string? ModuleId => SearchModule.Id;

    public override int ExportOrder => 40;

    /// <param name="Synonyms">Groups of words or phrases citizens use for the same thing; a search for one finds the others.</param>
    internal sealed record Model(IReadOnlyList<IReadOnlyList<string>>? Synonyms = null);

    protected override Task ValidateAsync(Model model, RecipeValidationContext context, CancellationToken cancellationToken)
    {
        var groups = model.Synonyms ?? [];
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var g = 0; g < groups.Count; g++)
        {
            if (groups[g].Count < 2)
            {
                context.AddError($"synonyms[{g}]", "un gruppo di sinonimi ha almeno due termini.");
            }

            for (var t = 0; t < groups[g].Count; t++)
            {
                var term = groups[g][t];
                var path = $"synonyms[{g}][{t}]";
                if (string.IsNullOrWhiteSpace(term) || term.Length > MaxTermLength)
                {
                    context.AddError(path, $"il termine è obbligatorio (al massimo {MaxTermLength} caratteri).");
                    continue;
                }

                var analysed = string.Join(' ', TextAnalysis.Analyze(analyzers.Text, "synonym", term).Select(x => x.Term));
                if (analysed.Length == 0)
                {
                    context.AddError(path, $"«{term}» contiene solo parole che la ricerca ignora (articoli, preposizioni).");
                }
                else if (seen.TryGetValue(analysed, out var other) && other != g)
                {
                    context.AddError(path, $"«{term}» è già nel gruppo {other + 1}: un termine può stare in un solo gruppo.");
                }
                else
                {
                    seen[analysed] = g;
                }
            }
        }

        return Task.CompletedTask;
    }

    protected override async Task ApplyAsync(Model model, RecipeApplyContext context, CancellationToken cancellationToken)
    {
        var db = context.Services.GetRequiredService<SearchDbContext>();
        var wanted = Normalize(model.Synonyms ?? []).Select(g => JsonSerializer.Serialize(g, SerializerOptionsCompact)).ToList();
        var current = await db.Synonyms.OrderBy(s => s.Position).ToListAsync(cancellationToken);
        if (current.Select(s => s.Terms).SequenceEqual(wanted))
        {
            return;
        }

        db.Synonyms.RemoveRange(current);
        await db.SaveChangesAsync(cancellationToken);
        db.Synonyms.AddRange(wanted.Select((terms, position) => new SynonymGroupRecord { Position = position, Terms = terms }));
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        context.RecordChange(wanted.Count == 0 ? "sinonimi della ricerca rimossi" : $"sinonimi della ricerca ({wanted.Count} gruppi)");
    }

    protected override async Task<Model?> ExportModelAsync(RecipeExportContext context, CancellationToken cancellationToken)
    {
        var db = context.Services.GetRequiredService<SearchDbContext>();
        var rows = await db.Synonyms.AsNoTracking().OrderBy(s => s.Position).Select(s => s.Terms).ToListAsync(cancellationToken);
        return rows.Count == 0
            ? null
            : new Model(rows.Select(r => (IReadOnlyList<string>)(JsonSerializer.Deserialize<List<string>>(r) ?? [])).ToList());
    }

    private static readonly JsonSerializerOptions SerializerOptionsCompact = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static List<List<string>> Normalize(IReadOnlyList<IReadOnlyList<string>> groups) =>
        groups.Select(g => g.Select(t => t.Trim()).Distinct(StringComparer.Ordinal).ToList()).ToList();
}
