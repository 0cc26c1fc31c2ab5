using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ZonaWelfare.Abstractions.Recipes;
using ZonaWelfare.Modules.Contents.Data;
using ZonaWelfare.Modules.Contents.Models;
using ZonaWelfare.Modules.Contents.Services;

namespace ZonaWelfare.Modules.Contents.Recipes;

/// <summary>
/// The <c>content</c> step: items with a stable id. Re-applying updates an item only when its content
/// or publication differs, so an unchanged recipe writes nothing.
/// </summary>
internal sealed partial class ContentStep(ContentShape shape) : RecipeStep<ContentStep.Model>
{
    public override string Name => "content";

    public override string? ModuleId => ContentsIds.Module;

    public override int ExportOrder => 40;

    /// <param name="Items">Content items, created or updated by id.</param>
    internal sealed record Model(IReadOnlyList<Item> Items);

    /// <param name="Id">Stable id of the item, e.g. <c>livornese-chi-siamo</c>.</param>
    /// <param name="Type">Content type, e.g. <c>Pagina</c>.</param>
    /// <param name="Published">Whether the item is published (default true); false keeps it as a draft.</param>
    /// <param name="Parts">Values of the type's parts by part name, e.g. <c>{ "TitlePart": { "title": "Chi siamo" } }</c>.</param>
    /// <param name="Fields">Values of the type's fields by field name.</param>
    internal sealed record Item(
        string Id,
        string Type,
        bool? Published = null,
        IReadOnlyDictionary<string, JsonElement>? Parts = null,
        IReadOnlyDictionary<string, JsonElement>? Fields = null);

    public override JsonObject GetSchema()
    {
        var schema = base.GetSchema();
        var parts = new JsonObject();
        foreach (var part in shape.Parts.Values.OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            var partSchema = SchemaOf(part.PartType);
            partSchema["description"] = part.Description;
            parts[part.Name] = partSchema;
        }

        if (schema["properties"]?["items"]?["items"]?["properties"] is JsonObject itemProperties)
        {
            itemProperties["parts"] = new JsonObject { ["type"] = "object", ["additionalProperties"] = false, ["properties"] = parts };
        }

        return schema;
    }

    protected override async Task ValidateAsync(Model model, RecipeValidationContext context, CancellationToken cancellationToken)
    {
        var plan = context.Services.GetRequiredService<RecipeContentPlan>();
        foreach (var item in model.Items)
        {
            if (!plan.Items.ContainsKey(item.Id))
            {
                plan.Items[item.Id] = item.Type;
            }
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < model.Items.Count; i++)
        {
            await ValidateItemAsync(model.Items[i], $"items[{i}]", seen, plan, context, cancellationToken);
        }
    }

    protected override async Task ApplyAsync(Model model, RecipeApplyContext context, CancellationToken cancellationToken)
    {
        var manager = context.Services.GetRequiredService<ContentManager>();
        context.Services.GetRequiredService<ContentOperation>().UserNameOverride = "ricetta";
        foreach (var item in model.Items)
        {
            var content = BuildContent(item);
            if (await manager.ImportAsync(item.Id, item.Type, content, item.Published ?? true, cancellationToken))
            {
                var title = ContentShape.TitleOf(content);
                context.RecordChange($"contenuto «{(title.Length > 0 ? title : item.Id)}»");
            }
        }
    }

    protected override async Task<Model?> ExportModelAsync(RecipeExportContext context, CancellationToken cancellationToken)
    {
        var db = context.Services.GetRequiredService<ContentsDbContext>();
        var definitions = context.Services.GetRequiredService<ContentDefinitionStore>();
        var rows = await db.Items.AsNoTracking().Where(i => !i.Deleted).OrderBy(i => i.CreatedUtc).ThenBy(i => i.ContentItemId)
            .Select(i => new { i.ContentItemId, i.ContentType, i.PublishedVersionId, i.LatestVersionId })
            .ToListAsync(cancellationToken);
        var items = new List<Item>();
        foreach (var row in rows)
        {
            var type = await definitions.GetTypeAsync(row.ContentType, cancellationToken);
            if (type is null)
            {
                continue;
            }

            // A published item exports what citizens see; a newer draft stays in the zone's history.
            var versionId = row.PublishedVersionId ?? row.LatestVersionId;
            var version = await db.Versions.AsNoTracking().FirstAsync(v => v.ContentItemVersionId == versionId, cancellationToken);
            var content = ContentJson.ParseObject(version.Content);
            var parts = type.PartNames.Where(p => content[p] is JsonObject)
                .ToDictionary(p => p, p => JsonSerializer.SerializeToElement(ContentJson.WithoutNulls(content[p])), StringComparer.Ordinal);
            var fields = (content[type.Name] as JsonObject ?? [])
                .Where(f => f.Value is not null)
                .ToDictionary(f => f.Key, f => JsonSerializer.SerializeToElement(f.Value), StringComparer.Ordinal);
            items.Add(new Item(row.ContentItemId, row.ContentType, row.PublishedVersionId is null ? false : null, parts.Count > 0 ? parts : null, fields.Count > 0 ? fields : null));
        }

        return items.Count == 0 ? null : new Model(items);
    }

    private async Task ValidateItemAsync(Item item, string prefix, HashSet<string> seen, RecipeContentPlan plan, RecipeValidationContext context, CancellationToken cancellationToken)
    {
        if (!ItemId().IsMatch(item.Id))
        {
            context.AddError($"{prefix}.id", $"l'identificativo '{item.Id}' non è valido: usa da 2 a 80 lettere minuscole, cifre e '-'.");
        }
        else if (!seen.Add(item.Id))
        {
            context.AddError($"{prefix}.id", $"il contenuto '{item.Id}' compare due volte.");
        }

        var type = await RecipeContentPlan.FindTypeAsync(context, item.Type, cancellationToken);
        if (type is null)
        {
            var known = await RecipeContentPlan.TypeNamesAsync(context, cancellationToken);
            context.AddError($"{prefix}.type", $"tipo di contenuto sconosciuto '{item.Type}'. Tipi disponibili: {(known.Count > 0 ? string.Join(", ", known) : "nessuno: definiscili con il passo 'contentTypes'")}.");
            return;
        }

        if (await RecipeContentPlan.StoredItemAsync(context, item.Id, cancellationToken) is { } stored && stored.Type != item.Type)
        {
            context.AddError($"{prefix}.type", $"il contenuto '{item.Id}' esiste già con il tipo '{stored.Type}'.");
            return;
        }

        var valid = true;
        foreach (var (partName, value) in item.Parts ?? new Dictionary<string, JsonElement>())
        {
            if (!type.HasPart(partName) || !shape.Parts.TryGetValue(partName, out var descriptor))
            {
                context.AddError($"{prefix}.parts.{partName}", $"la parte '{partName}' non fa parte del tipo '{type.Name}'. Parti del tipo: {string.Join(", ", type.PartNames)}.");
                valid = false;
                continue;
            }

            try
            {
                _ = value.Deserialize(descriptor.PartType, SerializerOptions);
            }
            catch (JsonException ex)
            {
                context.AddError($"{prefix}.parts.{partName}" + (ex.Path is { Length: > 1 } p ? p[1..] : ""), RecipeContentPlan.Describe(ex));
                valid = false;
            }
        }

        foreach (var fieldName in (item.Fields ?? new Dictionary<string, JsonElement>()).Keys)
        {
            var definition = type.Field(fieldName);
            if (definition is not null && FieldRules.ShapeError(definition, JsonNode.Parse(item.Fields![fieldName].GetRawText())) is { } shapeError)
            {
                context.AddError($"{prefix}.fields.{fieldName}", shapeError);
                valid = false;
            }

            if (definition is null)
            {
                var fields = type.FieldList.Count > 0 ? string.Join(", ", type.FieldList.Select(f => f.Name)) : "nessuno";
                context.AddError($"{prefix}.fields.{fieldName}", $"campo sconosciuto '{fieldName}' per il tipo '{type.Name}'. Campi del tipo: {fields}.");
                valid = false;
            }
        }

        if (!valid)
        {
            return;
        }

        JsonObject content;
        try
        {
            content = shape.Normalize(type, BuildContent(item));
        }
        catch (ContentValidationException ex)
        {
            foreach (var problem in ex.Problems)
            {
                context.AddError($"{prefix}.{problem.Key}", problem.Message);
            }

            return;
        }
        catch (InvalidOperationException)
        {
            context.AddError($"{prefix}.fields", "un valore non è del tipo atteso dal campo.");
            return;
        }

        var taxonomies = new List<TaxonomyDefinition>();
        foreach (var name in type.FieldList.Where(f => f.Taxonomy is not null).Select(f => f.Taxonomy!).Distinct())
        {
            if (await RecipeContentPlan.FindTaxonomyAsync(context, name, cancellationToken) is { } taxonomy)
            {
                taxonomies.Add(taxonomy);
            }
        }

        var problems = ContentValidator.CheckValues(type, content, taxonomies);
        problems.AddRange(await context.Services.GetRequiredService<ContentPartValidators>().ValidateAsync(type, item.Id, content, cancellationToken));
        foreach (var problem in problems)
        {
            context.AddError($"{prefix}.{problem.Key}", problem.Message);
        }

        if (ContentShape.PathOf(type, content) is { } path)
        {
            var slugKey = $"{prefix}.{ContentProblem.PartKey(nameof(AutoroutePart), "slug")}";
            if (plan.Paths.TryGetValue(path, out var other) && other != item.Id)
            {
                context.AddError(slugKey, $"l'indirizzo «/{path}» è già usato dal contenuto '{other}' della ricetta.");
            }

            plan.Paths[path] = item.Id;
            var problem = RecipeContentPlan.DatabaseReady(context)
                ? await context.Services.GetRequiredService<ContentValidator>().PathProblemAsync(item.Id, path, cancellationToken)
                : context.Services.GetRequiredService<ReservedRoutes>().IsReserved(path) ? $"l'indirizzo «/{path}» è riservato a un'altra sezione del sito." : null;
            if (problem is not null)
            {
                context.AddError(slugKey, problem);
            }
        }

        foreach (var field in type.FieldList.Where(f => f.Type == ContentFieldKind.ContentPicker))
        {
            if (content[type.Name]?[field.Name] is not JsonArray ids)
            {
                continue;
            }

            foreach (var id in ids.Select(i => i!.GetValue<string>()))
            {
                var targetType = plan.Items.TryGetValue(id, out var planned) ? planned
                    : await RecipeContentPlan.StoredItemAsync(context, id, cancellationToken) is { Deleted: false } target ? target.Type
                    : null;
                if (targetType is null)
                {
                    context.AddError($"{prefix}.fields.{field.Name}", $"il contenuto collegato '{id}' non esiste né nella zona né nella ricetta.");
                }
                else if (field.ContentTypes is { Count: > 0 } allowed && !allowed.Contains(targetType))
                {
                    context.AddError($"{prefix}.fields.{field.Name}", $"il contenuto collegato '{id}' è di tipo '{targetType}', ma il campo accetta solo {string.Join(", ", allowed)}.");
                }
            }
        }
    }

    private static JsonObject BuildContent(Item item)
    {
        var content = new JsonObject();
        foreach (var (part, value) in item.Parts ?? new Dictionary<string, JsonElement>())
        {
            content[part] = JsonNode.Parse(value.GetRawText());
        }

        var fields = new JsonObject();
        foreach (var (field, value) in item.Fields ?? new Dictionary<string, JsonElement>())
        {
            fields[field] = JsonNode.Parse(value.GetRawText());
        }

        content[item.Type] = fields;
        return content;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,79}$")]
    private static partial Regex ItemId();
}
