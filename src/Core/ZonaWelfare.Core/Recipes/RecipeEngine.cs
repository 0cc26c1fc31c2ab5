using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ZonaWelfare.Abstractions.Data;
using ZonaWelfare.Abstractions.Recipes;
using ZonaWelfare.Abstractions.Zones;
using ZonaWelfare.Core.Data;

namespace ZonaWelfare.Core.Recipes;

/// <summary>Validates every step of a recipe, then applies them all in one zone transaction.</summary>
internal sealed class RecipeEngine(IEnumerable<IRecipeStep> steps, IServiceScopeFactory scopes)
{
    private readonly Dictionary<string, IRecipeStep> _steps = steps.ToDictionary(s => s.Name, StringComparer.Ordinal);

    public IEnumerable<IRecipeStep> Steps => _steps.Values;

    /// <summary>Checks the recipe against <paramref name="plan"/> (updated in place); writes nothing.</summary>
    public async Task<IReadOnlyList<RecipeError>> ValidateAsync(RecipeDocument recipe, ZonePlan plan, ZoneDescriptor? existing, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<IZoneContextAccessor>().SetZone(existing);
        var context = new RecipeValidationContext(scope.ServiceProvider, plan, isNewZone: existing is null);
        for (var i = 0; i < recipe.Steps.Count; i++)
        {
            var name = recipe.StepName(i);
            context.StepNumber = i + 1;
            context.StepName = name;
            context.StepPath = $"$.steps[{i}]";
            if (!_steps.TryGetValue(name, out var step))
            {
                context.AddError("name", $"passo sconosciuto '{name}'. Passi disponibili: {string.Join(", ", _steps.Keys.Order(StringComparer.Ordinal))}.");
            }
            else if (step.ModuleId is { } module && !plan.EnabledModules.Contains(module))
            {
                context.AddError("name", $"il passo '{name}' appartiene al modulo '{module}', che non è attivo nella zona: attivalo prima con il passo 'features'.");
            }
            else
            {
                await step.ValidateAsync(recipe.Steps[i], context, cancellationToken);
            }
        }

        return context.Errors.Select(e => e with { Line = recipe.LineOf(e.JsonPath) }).ToList();
    }

    /// <summary>Applies a validated recipe inside one transaction of <paramref name="zone"/>'s database.</summary>
    public async Task<IReadOnlyList<string>> ApplyAsync(RecipeDocument recipe, ZonePlan plan, ZoneDescriptor zone, string? actor, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        services.GetRequiredService<IZoneContextAccessor>().SetZone(zone);
        var database = services.GetRequiredService<IZoneDatabase>();
        await using var transaction = await database.BeginTransactionAsync(cancellationToken);
        var context = new RecipeApplyContext(services, plan);
        for (var i = 0; i < recipe.Steps.Count; i++)
        {
            await _steps[recipe.StepName(i)].ApplyAsync(recipe.Steps[i], context, cancellationToken);
        }

        var core = services.GetRequiredService<CoreZoneDbContext>();
        if (!await core.AppliedRecipes.AnyAsync(r => r.Hash == recipe.Hash, cancellationToken))
        {
            core.AppliedRecipes.Add(new AppliedRecipeRecord
            {
                Id = Guid.NewGuid().ToString("N"),
                Name = recipe.Name,
                Version = recipe.Version,
                Hash = recipe.Hash,
                AppliedBy = actor,
                AppliedUtc = DateTime.UtcNow,
            });
            await core.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return context.Changes;
    }

    /// <summary>Every step's export of the zone, in export order.</summary>
    public async Task<List<JsonElement>> ExportStepsAsync(ZoneDescriptor zone, ZonePlan plan, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<IZoneContextAccessor>().SetZone(zone);
        var context = new RecipeExportContext(scope.ServiceProvider, plan);
        var exported = new List<JsonElement>();
        foreach (var step in _steps.Values.Where(s => s.ModuleId is null || zone.IsModuleEnabled(s.ModuleId)).OrderBy(s => s.ExportOrder).ThenBy(s => s.Name, StringComparer.Ordinal))
        {
            if (await step.ExportAsync(context, cancellationToken) is { } node)
            {
                exported.Add(JsonSerializer.SerializeToElement(node));
            }
        }

        return exported;
    }
}
