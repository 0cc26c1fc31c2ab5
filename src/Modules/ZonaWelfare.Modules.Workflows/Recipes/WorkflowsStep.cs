using Microsoft.Extensions.DependencyInjection;
using ZonaWelfare.Abstractions.Contents;
using ZonaWelfare.Abstractions.Recipes;
using ZonaWelfare.Modules.Workflows.Models;
using ZonaWelfare.Modules.Workflows.Services;

namespace ZonaWelfare.Modules.Workflows.Recipes;

/// <summary>
/// The <c>workflows</c> step: workflow types by name. A type that differs from its current version becomes a new
/// version (running instances stay on theirs); an unchanged one is left alone. Nothing is deleted.
/// </summary>
internal sealed class WorkflowsStep : RecipeStep<WorkflowsStep.Model>
{
    public override string Name => "workflows";

    public override string? ModuleId => WorkflowsIds.Module;

    public override int ExportOrder => 80;

    /// <param name="Types">Workflow types of the zone.</param>
    internal sealed record Model(IReadOnlyList<WorkflowTypeDefinition> Types);

    protected override async Task ValidateAsync(Model model, RecipeValidationContext context, CancellationToken cancellationToken)
    {
        var validator = context.Services.GetRequiredService<WorkflowTypeValidator>();
        var contentTypes = context.Services.GetService<IRecipeContentTypes>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < model.Types.Count; i++)
        {
            var type = model.Types[i];
            if (!names.Add(type.Name))
            {
                context.AddError($"types[{i}].name", $"il flusso «{type.Name}» compare due volte.");
            }

            var problems = await validator.ValidateAsync(
                type,
                context.Plan.EnabledModules,
                (name, ct) => contentTypes is null ? Task.FromResult<ContentTypeInfo?>(null) : contentTypes.FindTypeAsync(context, name, ct),
                cancellationToken);
            foreach (var (path, message) in problems)
            {
                context.AddError($"types[{i}].{path}", message);
            }
        }
    }

    protected override async Task ApplyAsync(Model model, RecipeApplyContext context, CancellationToken cancellationToken)
    {
        var store = context.Services.GetRequiredService<WorkflowTypeStore>();
        foreach (var type in model.Types)
        {
            var (version, changed) = await store.SaveAsync(type, "ricetta", cancellationToken);
            if (changed)
            {
                context.RecordChange($"flusso «{type.DisplayName}» (versione {version})");
            }
        }
    }

    protected override async Task<Model?> ExportModelAsync(RecipeExportContext context, CancellationToken cancellationToken)
    {
        var types = await context.Services.GetRequiredService<WorkflowTypeStore>().ListAsync(cancellationToken);
        return types.Count == 0 ? null : new Model(types.Select(t => t.Definition).OrderBy(t => t.Name, StringComparer.Ordinal).ToList());
    }
}
