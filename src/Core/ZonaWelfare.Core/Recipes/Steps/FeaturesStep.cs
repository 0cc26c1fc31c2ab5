using ZonaWelfare.Abstractions.Recipes;
using ZonaWelfare.Core.Modules;

namespace ZonaWelfare.Core.Recipes.Steps;

/// <summary>The <c>features</c> step: modules to enable (with their dependencies) and to disable.</summary>
internal sealed class FeaturesStep(ModuleCatalog catalog) : RecipeStep<FeaturesStep.Model>
{
    public const string StepName = "features";

    public override string Name => StepName;

    public override int ExportOrder => 10;

    /// <param name="Enable">Module ids to enable; their dependencies are enabled too.</param>
    /// <param name="Disable">Module ids to disable; refused while an enabled module needs them.</param>
    internal sealed record Model(IReadOnlyList<string>? Enable = null, IReadOnlyList<string>? Disable = null);

    protected override Task ValidateAsync(Model model, RecipeValidationContext context, CancellationToken cancellationToken)
    {
        var valid = true;
        valid &= CheckKnown(model.Enable ?? [], "enable", context);
        valid &= CheckKnown(model.Disable ?? [], "disable", context);
        if (!valid)
        {
            return Task.CompletedTask;
        }

        var change = Compute(model, context.Plan.EnabledModules);
        foreach (var error in change.Errors)
        {
            context.AddError("disable", error);
        }

        if (change.Succeeded)
        {
            context.Plan.EnabledModules.Clear();
            context.Plan.EnabledModules.UnionWith(change.Modules);
        }

        return Task.CompletedTask;
    }

    protected override Task ApplyAsync(Model model, RecipeApplyContext context, CancellationToken cancellationToken)
    {
        var change = Compute(model, context.Plan.EnabledModules);
        if (!change.Modules.SetEquals(context.Plan.EnabledModules))
        {
            context.RecordChange("moduli attivi: " + string.Join(", ", change.Modules));
            context.Plan.EnabledModules.Clear();
            context.Plan.EnabledModules.UnionWith(change.Modules);
        }

        return Task.CompletedTask;
    }

    protected override Task<Model?> ExportModelAsync(RecipeExportContext context, CancellationToken cancellationToken) =>
        Task.FromResult<Model?>(new Model(Enable: context.Zone.EnabledModules.ToList()));

    private ModuleChange Compute(Model model, IEnumerable<string> current)
    {
        var enabled = catalog.Enable(current, model.Enable ?? []);
        return model.Disable is { Count: > 0 } disable ? catalog.Disable(enabled.Modules, disable) : enabled;
    }

    private bool CheckKnown(IReadOnlyList<string> ids, string field, RecipeValidationContext context)
    {
        var valid = true;
        for (var i = 0; i < ids.Count; i++)
        {
            if (!catalog.Contains(ids[i]))
            {
                var known = string.Join(", ", catalog.Ordered.Select(m => m.Manifest.Id).Order(StringComparer.Ordinal));
                context.AddError($"{field}[{i}]", $"il modulo '{ids[i]}' non esiste. Moduli disponibili: {known}.");
                valid = false;
            }
        }

        return valid;
    }
}
