using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ZonaWelfare.Modules.Contents.Models;

namespace ZonaWelfare.Modules.Contents.Services;

/// <summary>
/// How each kind of field stores its value in the document and what makes a value valid. Values:
/// text and markdown strings, numbers, dates as <c>yyyy-MM-dd</c>, booleans, links as
/// <c>{ url, text }</c>, and arrays of term ids, item ids or media files.
/// </summary>
internal static class FieldRules
{
    public const int DefaultMaxSizeKb = 10 * 1024;
    public const int HardMaxSizeKb = 50 * 1024;

    public static readonly IReadOnlyList<string> DefaultExtensions = [".pdf", ".jpg", ".jpeg", ".png", ".docx", ".odt", ".xlsx", ".ods", ".csv"];

    /// <summary>Extensions a media field may ever accept, with their content types. Scriptable formats (HTML, SVG) are never served.</summary>
    public static readonly IReadOnlyDictionary<string, string> SafeContentTypes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [".pdf"] = "application/pdf",
        [".jpg"] = "image/jpeg",
        [".jpeg"] = "image/jpeg",
        [".png"] = "image/png",
        [".gif"] = "image/gif",
        [".webp"] = "image/webp",
        [".doc"] = "application/msword",
        [".docx"] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        [".odt"] = "application/vnd.oasis.opendocument.text",
        [".xls"] = "application/vnd.ms-excel",
        [".xlsx"] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        [".ods"] = "application/vnd.oasis.opendocument.spreadsheet",
        [".csv"] = "text/csv",
        [".txt"] = "text/plain",
    };

    public static string KindLabel(ContentFieldKind kind) => kind switch
    {
        ContentFieldKind.Text => "Testo",
        ContentFieldKind.Markdown => "Testo formattato (Markdown)",
        ContentFieldKind.Number => "Numero",
        ContentFieldKind.Date => "Data",
        ContentFieldKind.Boolean => "Sì/No",
        ContentFieldKind.Link => "Collegamento",
        ContentFieldKind.Taxonomy => "Termini di tassonomia",
        ContentFieldKind.ContentPicker => "Contenuti collegati",
        ContentFieldKind.Media => "File",
        _ => kind.ToString(),
    };

    public static IReadOnlyList<string> ExtensionsOf(ContentFieldDefinition field) => field.AllowedExtensions is { Count: > 0 } list ? list : DefaultExtensions;

    public static int MaxSizeKbOf(ContentFieldDefinition field) => field.MaxSizeKb ?? DefaultMaxSizeKb;

    public static bool IsMultiValued(ContentFieldKind kind) => kind is ContentFieldKind.Taxonomy or ContentFieldKind.ContentPicker or ContentFieldKind.Media;

    /// <summary>Whether the value counts as empty (missing, blank text, empty list).</summary>
    public static bool IsEmpty(JsonNode? value) => value switch
    {
        null => true,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => string.IsNullOrWhiteSpace(v.GetValue<string>()),
        JsonArray a => a.Count == 0,
        JsonObject o when o["url"] is JsonValue url => string.IsNullOrWhiteSpace(url.GetValue<string>()),
        _ => false,
    };

    /// <summary>Checks the JSON shape of a stored or imported value; returns an Italian message, or null.</summary>
    public static string? ShapeError(ContentFieldDefinition field, JsonNode? value)
    {
        if (value is null)
        {
            return null;
        }

        var label = $"Il campo «{field.DisplayName}»";
        switch (field.Type)
        {
            case ContentFieldKind.Text or ContentFieldKind.Markdown:
                return IsString(value) ? null : $"{label} deve essere un testo.";
            case ContentFieldKind.Number:
                return value is JsonValue n && n.GetValueKind() == JsonValueKind.Number ? null : $"{label} deve essere un numero.";
            case ContentFieldKind.Boolean:
                return value is JsonValue b && b.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? null : $"{label} deve essere true o false.";
            case ContentFieldKind.Date:
                return IsString(value) && TryParseDate(value.GetValue<string>(), out _) ? null : $"{label} deve essere una data nel formato aaaa-mm-gg.";
            case ContentFieldKind.Link:
                return value is JsonObject link && link["url"] is JsonValue url && IsString(url) && link.All(p => p.Key is "url" or "text" && (p.Value is null || IsString(p.Value)))
                    ? null
                    : $"{label} deve essere un oggetto {{ \"url\", \"text\" }}.";
            case ContentFieldKind.Taxonomy or ContentFieldKind.ContentPicker:
                return value is JsonArray ids && ids.All(i => i is not null && IsString(i)) ? null : $"{label} deve essere un elenco di identificativi.";
            case ContentFieldKind.Media:
                if (value is not JsonArray files)
                {
                    return $"{label} deve essere un elenco di file.";
                }

                foreach (var file in files)
                {
                    try
                    {
                        if (file is null || file.Deserialize<MediaValue>(Abstractions.Recipes.RecipeStep<object>.SerializerOptions) is null)
                        {
                            return $"{label} contiene un file non valido.";
                        }
                    }
                    catch (JsonException)
                    {
                        return $"{label} contiene un file non valido: servono path, fileName, contentType e size.";
                    }
                }

                return null;
            default:
                return null;
        }
    }

    /// <summary>Checks a well-shaped value against the field's settings; terms are looked up in <paramref name="taxonomy"/>.</summary>
    public static IEnumerable<string> Problems(ContentFieldDefinition field, JsonNode? value, TaxonomyDefinition? taxonomy)
    {
        var label = $"Il campo «{field.DisplayName}»";
        if (IsEmpty(value))
        {
            if (field.Required && field.Type != ContentFieldKind.Boolean)
            {
                yield return $"{label} è obbligatorio.";
            }

            yield break;
        }

        switch (field.Type)
        {
            case ContentFieldKind.Text or ContentFieldKind.Markdown:
                var text = value!.GetValue<string>();
                if (field.MaxLength is { } max && text.Length > max)
                {
                    yield return $"{label} può contenere al massimo {max} caratteri (ora ne contiene {text.Length}).";
                }

                break;
            case ContentFieldKind.Number:
                var number = value!.GetValue<decimal>();
                if (field.Min is { } min && number < min)
                {
                    yield return $"{label} non può essere minore di {Format(min)}.";
                }

                if (field.Max is { } maxValue && number > maxValue)
                {
                    yield return $"{label} non può essere maggiore di {Format(maxValue)}.";
                }

                break;
            case ContentFieldKind.Link:
                var url = value!["url"]!.GetValue<string>().Trim();
                if (!IsSafeUrl(url))
                {
                    yield return $"{label} deve contenere un indirizzo web che inizia con https://, http:// o mailto:, oppure un percorso che inizia con /.";
                }

                if (field.MaxLength is { } maxUrl && url.Length > maxUrl)
                {
                    yield return $"{label} può contenere al massimo {maxUrl} caratteri.";
                }

                break;
            case ContentFieldKind.Taxonomy:
                var terms = value!.AsArray().Select(t => t!.GetValue<string>()).ToList();
                if (!field.Multiple && terms.Count > 1)
                {
                    yield return $"{label} ammette un solo termine.";
                }

                foreach (var term in terms.Where(t => taxonomy?.Terms.Any(x => x.Id == t) != true))
                {
                    yield return $"{label}: il termine '{term}' non esiste nella tassonomia «{taxonomy?.DisplayName ?? field.Taxonomy}».";
                }

                break;
            case ContentFieldKind.ContentPicker:
                if (!field.Multiple && value!.AsArray().Count > 1)
                {
                    yield return $"{label} ammette un solo contenuto.";
                }

                break;
            case ContentFieldKind.Media:
                if (!field.Multiple && value!.AsArray().Count > 1)
                {
                    yield return $"{label} ammette un solo file.";
                }

                break;
        }
    }

    public static bool TryParseDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date)
        || DateOnly.TryParseExact(text?.Trim(), "dd/MM/yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    public static bool IsSafeUrl(string url) =>
        (url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal))
        || (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" or "mailto");

    public static string Format(decimal value) => value.ToString("0.##########", CultureInfo.GetCultureInfo("it-IT"));

    private static bool IsString(JsonNode node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.String;
}
