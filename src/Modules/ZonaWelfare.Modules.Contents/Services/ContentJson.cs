using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ZonaWelfare.Modules.Contents.Services;

/// <summary>JSON of definitions and documents as the module stores them.</summary>
internal static class ContentJson
{
    /// <summary>Definitions and values: camelCase, enums as camelCase strings, nulls left out.</summary>
    public static readonly JsonSerializerOptions Options = CreateOptions();

    /// <summary>Parts inside documents: the same options <see cref="Abstractions.Contents.ContentItem.Apply{T}"/> uses.</summary>
    public static readonly JsonSerializerOptions PartOptions = new(JsonSerializerDefaults.Web);

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Deserialize<T>(string json) => JsonSerializer.Deserialize<T>(json, Options)
        ?? throw new InvalidOperationException("Stored JSON of " + typeof(T).Name + " is empty.");

    public static JsonObject ParseObject(string json) => JsonNode.Parse(json) as JsonObject ?? [];

    /// <summary>A copy without null properties, at any depth.</summary>
    public static JsonNode? WithoutNulls(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.Where(p => p.Value is not null).Select(p => KeyValuePair.Create(p.Key, WithoutNulls(p.Value)))),
        JsonArray array => new JsonArray(array.Select(WithoutNulls).ToArray()),
        null => null,
        _ => node.DeepClone(),
    };

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}

/// <summary>Text helpers for slugs and accent-insensitive filters.</summary>
internal static class TextFolding
{
    /// <summary>Lower case without accents: «Città» → «citta».</summary>
    public static string Fold(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>A URL slug: «Piano Integrato di Salute 2026-2028» → «piano-integrato-di-salute-2026-2028».</summary>
    public static string Slugify(string? text, int maxLength = 80)
    {
        var builder = new StringBuilder();
        foreach (var c in Fold(text))
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                builder.Append(c);
            }
            else if (builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }

        var slug = builder.ToString().Trim('-');
        return slug.Length <= maxLength ? slug : slug[..maxLength].TrimEnd('-');
    }
}
