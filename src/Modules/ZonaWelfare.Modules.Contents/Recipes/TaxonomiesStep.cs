using Microsoft.Extensions.DependencyInjection;
using ZonaWelfare.Abstractions.Recipes;
using ZonaWelfare.Modules.Contents.Models;
using ZonaWelfare.Modules.Contents.Services;

namespace ZonaWelfare.Modules.Contents.Recipes;

/// <summary>The <c>taxonomies</c> step: taxonomies and their terms, upserted by name.</summary>
internal sealed class TaxonomiesStep : RecipeStep<TaxonomiesStep.Model>
{
    public override string Name => "taxonomies";

    public override string? ModuleId => ContentsIds.Module;

    public override int ExportOrder => 30;

    /// <param name="Taxonomies">Taxonomies of the zone; each replaces the one of the same name.</param>
    internal sealed record Model(IReadOnlyList<TaxonomyDefinition> Taxonomies);

    protected override Task ValidateAsync(Model model, RecipeValidationContext context, CancellationToken cancellationToken)
    {
        var plan = context.Services.GetRequiredService<RecipeContentPlan>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < model.Taxonomies.Count; i++)
        {
            var taxonomy = model.Taxonomies[i];
            var prefix = $"taxonomies[{i}]";
            DefinitionRules.CheckTaxonomy(taxonomy, (path, message) => context.AddError($"{prefix}.{path}", message));
            if (!seen.Add(taxonomy.Name))
            {
                context.AddError($"{prefix}.name", $"la tassonomia '{taxonomy.Name}' compare due volte.");
            }

            plan.Taxonomies[taxonomy.Name] = taxonomy;
        }

        return Task.CompletedTask;
    }

    protected override async Task ApplyAsync(Model model, RecipeApplyContext context, CancellationToken cancellationToken)
    {
        var store = context.Services.GetRequiredService<ContentDefinitionStore>();
        foreach (var taxonomy in model.Taxonomies)
        {
            if (await store.SaveTaxonomyAsync(taxonomy, cancellationToken))
            {
                context.RecordChange($"tassonomia «{taxonomy.DisplayName}»");
            }
        }
    }

    protected override async Task<Model?> ExportModelAsync(RecipeExportContext context, CancellationToken cancellationToken)
    {
        var taxonomies = await context.Services.GetRequiredService<ContentDefinitionStore>().ListTaxonomiesAsync(cancellationToken);
        return taxonomies.Count == 0 ? null : new Model(taxonomies.OrderBy(t => t.Name, StringComparer.Ordinal).ToList());
    }
}
