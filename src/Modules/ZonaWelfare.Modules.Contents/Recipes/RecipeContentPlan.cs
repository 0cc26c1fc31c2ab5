using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ZonaWelfare.Abstractions.Recipes;
using ZonaWelfare.Abstractions.Zones;
using ZonaWelfare.Modules.Contents.Data;
using ZonaWelfare.Modules.Contents.Models;
using ZonaWelfare.Modules.Contents.Services;

namespace ZonaWelfare.Modules.Contents.Recipes;

/// <summary>
/// What the Contents steps of the recipe being validated declare, so a later step can use what an
/// earlier one defines (scoped: one validation run shares one scope).
/// </summary>
internal sealed class RecipeContentPlan
{
    public Dictionary<string, TaxonomyDefinition> Taxonomies { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, ContentTypeDefinition> Types { get; } = new(StringComparer.Ordinal);

    /// <summary>Items of the recipe: id → type.</summary>
    public Dictionary<string, string> Items { get; } = new(StringComparer.Ordinal);

    /// <summary>Public paths the recipe's items take: path → item id.</summary>
    public Dictionary<string, string> Paths { get; } = new(StringComparer.Ordinal);

    /// <summary>Whether the zone's Contents tables exist yet (an existing zone that already enabled the module).</summary>
    public static bool DatabaseReady(RecipeValidationContext context) =>
        !context.IsNewZone && context.Services.GetRequiredService<IZoneContext>().Zone?.IsModuleEnabled(ContentsIds.Module) == true;

    public static async Task<TaxonomyDefinition?> FindTaxonomyAsync(RecipeValidationContext context, string name, CancellationToken cancellationToken)
    {
        var plan = context.Services.GetRequiredService<RecipeContentPlan>();
        return plan.Taxonomies.TryGetValue(name, out var taxonomy) ? taxonomy
            : DatabaseReady(context) ? await context.Services.GetRequiredService<ContentDefinitionStore>().GetTaxonomyAsync(name, cancellationToken)
            : null;
    }

    public static async Task<ContentTypeDefinition?> FindTypeAsync(RecipeValidationContext context, string name, CancellationToken cancellationToken)
    {
        var plan = context.Services.GetRequiredService<RecipeContentPlan>();
        return plan.Types.TryGetValue(name, out var type) ? type
            : DatabaseReady(context) ? await context.Services.GetRequiredService<ContentDefinitionStore>().GetTypeAsync(name, cancellationToken)
            : null;
    }

    public static async Task<IReadOnlyList<string>> TypeNamesAsync(RecipeValidationContext context, CancellationToken cancellationToken)
    {
        var plan = context.Services.GetRequiredService<RecipeContentPlan>();
        var names = new SortedSet<string>(plan.Types.Keys, StringComparer.Ordinal);
        if (DatabaseReady(context))
        {
            names.UnionWith((await context.Services.GetRequiredService<ContentDefinitionStore>().ListTypesAsync(cancellationToken)).Select(t => t.Name));
        }

        return names.ToList();
    }

    /// <summary>The type of an item stored in the zone, or null.</summary>
    public static async Task<(string Type, bool Deleted)?> StoredItemAsync(RecipeValidationContext context, string id, CancellationToken cancellationToken)
    {
        if (!DatabaseReady(context))
        {
            return null;
        }

        var item = await context.Services.GetRequiredService<ContentsDbContext>().Items.AsNoTracking()
            .Where(i => i.ContentItemId == id).Select(i => new { i.ContentType, i.Deleted }).FirstOrDefaultAsync(cancellationToken);
        return item is null ? null : (item.ContentType, item.Deleted);
    }

    /// <summary>An Italian description of why a value does not fit the strict recipe model.</summary>
    public static string Describe(JsonException ex)
    {
        var message = ex.Message;
        if (message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal))
        {
            var start = message.IndexOf('\'');
            var end = start >= 0 ? message.IndexOf('\'', start + 1) : -1;
            return $"campo sconosciuto '{(start >= 0 && end > start ? message[(start + 1)..end] : "?")}'.";
        }

        return message.Contains("could not be converted", StringComparison.Ordinal) ? "tipo di valore non valido." : "JSON non valido: " + message.Split(" Path:")[0];
    }
}

/// <summary>The content types a recipe being validated declares, for other modules' steps.</summary>
internal sealed class RecipeContentTypes : ZonaWelfare.Abstractions.Contents.IRecipeContentTypes
{
    public async Task<ZonaWelfare.Abstractions.Contents.ContentTypeInfo?> FindTypeAsync(RecipeValidationContext context, string contentType, CancellationToken cancellationToken = default) =>
        await RecipeContentPlan.FindTypeAsync(context, contentType, cancellationToken) is { } type ? ContentMetadata.Describe(type) : null;
}
