using System.Text.Json;
using System.Text.Json.Nodes;

namespace ZonaWelfare.Abstractions.Contents;

/// <summary>
/// One version of a content item: a JSON document of parts (typed classes owned by modules) and fields
/// (declared per zone in the content type). <c>Content["TitlePart"]</c>, <c>Content["Pagina"]["Corpo"]</c>.
/// </summary>
public sealed class ContentItem
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    /// <summary>Stable id of the item across versions (recipes use it, so re-applying updates).</summary>
    public required string ContentItemId { get; init; }

    /// <summary>Id of this version.</summary>
    public required string ContentItemVersionId { get; init; }

    public required string ContentType { get; init; }

    public string DisplayText { get; set; } = "";

    /// <summary>Version number, from 1.</summary>
    public int Number { get; init; }

    public bool Latest { get; init; }

    public bool Published { get; init; }

    /// <summary>User name of who created the item.</summary>
    public string? Owner { get; init; }

    /// <summary>User name of who wrote this version.</summary>
    public string? Author { get; init; }

    public DateTime CreatedUtc { get; init; }

    public DateTime ModifiedUtc { get; init; }

    public DateTime? PublishedUtc { get; init; }

    public JsonObject Content { get; init; } = [];

    /// <summary>Reads a typed part; null when the item does not have it.</summary>
    public T? As<T>(string? partName = null)
        where T : ContentPart =>
        Content[partName ?? typeof(T).Name] is JsonObject part ? part.Deserialize<T>(Options) : null;

    /// <summary>Whether the document carries the part <typeparamref name="T"/> (without reading it).</summary>
    public bool Has<T>()
        where T : ContentPart => Content[typeof(T).Name] is JsonObject;

    /// <summary>Writes a typed part into the document.</summary>
    public void Apply<T>(T part, string? partName = null)
        where T : ContentPart =>
        Content[partName ?? typeof(T).Name] = JsonSerializer.SerializeToNode(part, Options);

    /// <summary>The value of a field declared on the type (fields live under the type's own part).</summary>
    public JsonNode? Field(string fieldName) => Content[ContentType]?[fieldName];

    /// <summary>Sets the item's title (its <c>TitlePart</c>, which every titled type has); the display text follows it on save.</summary>
    public void SetTitle(string title)
    {
        if (Content["TitlePart"] is not JsonObject part)
        {
            part = [];
            Content["TitlePart"] = part;
        }

        part["title"] = title;
    }

    /// <summary>Sets (or, with null, clears) the value of a field declared on the type.</summary>
    public void SetField(string fieldName, JsonNode? value)
    {
        if (Content[ContentType] is not JsonObject own)
        {
            own = [];
            Content[ContentType] = own;
        }

        // As JSON text would give it (an in-memory int becomes a JSON number like any other).
        own[fieldName] = value is null ? null : JsonNode.Parse(value.ToJsonString());
    }
}

/// <summary>Base of typed content parts; a part is stored under its class name.</summary>
public abstract class ContentPart;

/// <summary>Which version of an item to load.</summary>
public enum VersionOptions
{
    Published,
    Latest,
    Draft,
}
