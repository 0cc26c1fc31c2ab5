using Microsoft.Extensions.DependencyInjection;
using ZonaWelfare.Abstractions.Recipes;
using ZonaWelfare.Modules.Contents.Models;
using ZonaWelfare.Modules.Contents.Services;

namespace ZonaWelfare.Modules.Contents.Recipes;

/// <summary>The <c>contentTypes</c> step: content types with their parts, fields and settings, upserted by name.</summary>
internal sealed class ContentTypesStep(ContentShape shape) : RecipeStep<ContentTypesStep.Model>
{
    public override string Name => "contentTypes";

    public override string? ModuleId => ContentsIds.Module;

    public override int ExportOrder => 31;

    /// <param name="Types">Content types of the zone; each replaces the one of the same name.</param>
    internal sealed record Model(IReadOnlyList<ContentTypeDefinition> Types);

    protected override async Task ValidateAsync(Model model, RecipeValidationContext context, CancellationToken cancellationToken)
    {
        var plan = context.Services.GetRequiredService<RecipeContentPlan>();
        var existingTypes = await RecipeContentPlan.TypeNamesAsync(context, cancellationToken);
        var taxonomies = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in model.Types.SelectMany(t => t.FieldList).Where(f => f.Taxonomy is not null))
        {
            if (await RecipeContentPlan.FindTaxonomyAsync(context, field.Taxonomy!, cancellationToken) is not null)
            {
                taxonomies.Add(field.Taxonomy!);
            }
        }

        var names = model.Types.Select(t => t.Name).Concat(existingTypes).ToHashSet(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < model.Types.Count; i++)
        {
            var type = model.Types[i];
            var prefix = $"types[{i}]";
            DefinitionRules.CheckType(
                type,
                shape.Parts,
                module => context.Plan.EnabledModules.Contains(module),
                taxonomies.Contains,
                names.Contains,
                (path, message) => context.AddError($"{prefix}.{path}", message));
            if (!seen.Add(type.Name))
            {
                context.AddError($"{prefix}.name", $"il tipo '{type.Name}' compare due volte.");
            }

            plan.Types[type.Name] = type;
        }
    }

    protected override async Task ApplyAsync(Model model, RecipeApplyContext context, CancellationToken cancellationToken)
    {
        var store = context.Services.GetRequiredService<ContentDefinitionStore>();
        var operation = context.Services.GetRequiredService<ContentOperation>();
        operation.UserNameOverride = "ricetta";
        foreach (var type in model.Types)
        {
            if (await store.SaveTypeAsync(type, cancellationToken))
            {
                context.RecordChange($"tipo di contenuto «{type.DisplayName}»");
                await context.Services.GetRequiredService<ContentIndexer>().ReindexTypeAsync(type, cancellationToken);
                await context.Services.GetRequiredService<AuditTrailHandler>().WriteAsync(AuditTrailHandler.TypeChanged, type.Name, type.DisplayName, "dalla ricetta", cancellationToken);
            }
        }
    }

    protected override async Task<Model?> ExportModelAsync(RecipeExportContext context, CancellationToken cancellationToken)
    {
        var types = await context.Services.GetRequiredService<ContentDefinitionStore>().ListTypesAsync(cancellationToken);
        return types.Count == 0 ? null : new Model(types.OrderBy(t => t.Name, StringComparer.Ordinal).ToList());
    }
}
