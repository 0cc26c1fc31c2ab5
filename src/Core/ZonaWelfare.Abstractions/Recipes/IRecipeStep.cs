using System.Text.Json;
using System.Text.Json.Nodes;

namespace ZonaWelfare.Abstractions.Recipes;

/// <summary>
/// A recipe step contributed by a module (or by the platform when <see cref="ModuleId"/> is null).
/// The engine validates every step of a recipe before it applies any of them.
/// </summary>
public interface IRecipeStep
{
    /// <summary>The constant step name used in recipe files, e.g. <c>features</c>.</summary>
    string Name { get; }

    /// <summary>The module that owns the step; the step is only available in zones that enable it.</summary>
    string? ModuleId { get; }

    /// <summary>Order in which exported steps are written (lower first).</summary>
    int ExportOrder => 100;

    /// <summary>The JSON schema of one step object.</summary>
    JsonObject GetSchema();

    /// <summary>Checks the step without writing anything; reports every problem to the context.</summary>
    Task ValidateAsync(JsonElement stepJson, RecipeValidationContext context, CancellationToken cancellationToken);

    /// <summary>Writes the step; runs inside the recipe's transaction, after every step validated.</summary>
    Task ApplyAsync(JsonElement stepJson, RecipeApplyContext context, CancellationToken cancellationToken);

    /// <summary>Writes the zone's current state back as this step, or null when there is nothing to export.</summary>
    Task<JsonObject?> ExportAsync(RecipeExportContext context, CancellationToken cancellationToken);
}
