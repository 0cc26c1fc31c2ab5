using System.Text.Json;
using System.Text.Json.Nodes;
using ZonaWelfare.Abstractions.Contents;
using ZonaWelfare.Modules.Contents.Models;

namespace ZonaWelfare.Modules.Contents.Services;

/// <summary>
/// Brings a document into its canonical form for its type: every part of the type, each written through
/// its typed class; only declared fields, without empty values; the slug filled from the title. Two
/// documents with the same meaning are then equal JSON, which keeps recipe re-application idempotent.
/// What no module of this host can read (a part whose module is missing, a part since removed from the
/// type) is kept exactly as stored: normalizing never drops data.
/// </summary>
internal sealed class ContentShape(IEnumerable<ContentPartDescriptor> descriptors)
{
    private readonly Dictionary<string, ContentPartDescriptor> _parts = descriptors.GroupBy(d => d.Name).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

    public IReadOnlyDictionary<string, ContentPartDescriptor> Parts => _parts;

    /// <summary>The canonical document; throws <see cref="ContentValidationException"/> when a part cannot be read.</summary>
    public JsonObject Normalize(ContentTypeDefinition type, JsonObject content)
    {
        var result = new JsonObject();
        var problems = new List<ContentProblem>();
        foreach (var partName in type.PartNames)
        {
            if (!_parts.TryGetValue(partName, out var descriptor))
            {
                if (content[partName] is { } unknown)
                {
                    result[partName] = unknown.DeepClone();
                }

                continue;
            }

            object? part;
            try
            {
                part = content[partName] is JsonObject stored
                    ? stored.Deserialize(descriptor.PartType, ContentJson.PartOptions)
                    : Activator.CreateInstance(descriptor.PartType);
            }
            catch (JsonException)
            {
                problems.Add(new ContentProblem($"parts.{partName}", $"La parte «{descriptor.DisplayName}» non è valida."));
                continue;
            }

            result[partName] = JsonSerializer.SerializeToNode(part ?? Activator.CreateInstance(descriptor.PartType), descriptor.PartType, ContentJson.PartOptions);
        }

        if (problems.Count > 0)
        {
            throw new ContentValidationException(problems);
        }

        var fields = new JsonObject();
        var storedFields = content[type.Name] as JsonObject;
        foreach (var field in type.FieldList)
        {
            var value = storedFields?[field.Name];
            if (!FieldRules.IsEmpty(value) || (field.Type == ContentFieldKind.Boolean && value is not null))
            {
                // A value of the wrong shape is kept as it is, for the validator to report.
                fields[field.Name] = FieldRules.ShapeError(field, value) is null ? Normalize(field, value!) : value!.DeepClone();
            }
        }

        result[type.Name] = fields;
        foreach (var (key, value) in content)
        {
            if (value is not null && !result.ContainsKey(key))
            {
                result[key] = value.DeepClone();
            }
        }

        if (result[nameof(AutoroutePart)] is JsonObject route && type.EffectiveSettings.RoutePattern is not null)
        {
            var slug = route["slug"]?.GetValue<string>();
            if (string.IsNullOrWhiteSpace(slug))
            {
                route["slug"] = TextFolding.Slugify(TitleOf(result));
            }
            else
            {
                route["slug"] = slug.Trim();
            }
        }

        return result;
    }

    public static string TitleOf(JsonObject content) => content[nameof(TitlePart)]?["title"]?.GetValue<string>()?.Trim() ?? "";

    public static string? SlugOf(JsonObject content) => content[nameof(AutoroutePart)]?["slug"]?.GetValue<string>();

    /// <summary>The public path of a document of <paramref name="type"/>, e.g. <c>servizi/centro-diurno</c>; null without a route.</summary>
    public static string? PathOf(ContentTypeDefinition type, JsonObject content) =>
        type.EffectiveSettings.RoutePattern is { } pattern && type.HasPart(nameof(AutoroutePart)) && SlugOf(content) is { Length: > 0 } slug
            ? pattern.Replace("{slug}", slug, StringComparison.Ordinal)
            : null;

    public static string DisplayTextOf(ContentTypeDefinition type, JsonObject content) =>
        TitleOf(content) is { Length: > 0 } title ? title : type.DisplayName;

    private static JsonNode Normalize(ContentFieldDefinition field, JsonNode value) => field.Type switch
    {
        ContentFieldKind.Text => JsonValue.Create(value.GetValue<string>().Trim()),
        ContentFieldKind.Markdown => JsonValue.Create(value.GetValue<string>().Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd()),
        ContentFieldKind.Date => JsonValue.Create(FieldRules.TryParseDate(value.GetValue<string>(), out var date) ? date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : value.GetValue<string>()),
        ContentFieldKind.Link => ContentJson.WithoutNulls(value)!,
        ContentFieldKind.Media => ContentJson.WithoutNulls(value)!,
        _ => value.DeepClone(),
    };
}
