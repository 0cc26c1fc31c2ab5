using System.Text.Json.Serialization;

namespace ZonaWelfare.Modules.Contents.Models;

/// <summary>A content type of a zone: its parts, the fields it declares and how its items behave.</summary>
/// <param name="Name">Technical name, e.g. <c>Pagina</c>: an upper-case letter, then letters and digits.</param>
/// <param name="DisplayName">Name shown to editors.</param>
/// <param name="Description">What the type is for.</param>
/// <param name="Parts">Parts the items have, e.g. <c>TitlePart</c>, <c>AutoroutePart</c>.</param>
/// <param name="Settings">Behaviour of the items.</param>
/// <param name="Fields">Fields declared by the type, in editor order.</param>
internal sealed record ContentTypeDefinition(
    string Name,
    string DisplayName,
    string? Description = null,
    IReadOnlyList<string>? Parts = null,
    ContentTypeSettings? Settings = null,
    IReadOnlyList<ContentFieldDefinition>? Fields = null)
{
    [JsonIgnore]
    public IReadOnlyList<string> PartNames => Parts ?? [];

    [JsonIgnore]
    public ContentTypeSettings EffectiveSettings => Settings ?? new ContentTypeSettings();

    [JsonIgnore]
    public IReadOnlyList<ContentFieldDefinition> FieldList => Fields ?? [];

    public bool HasPart(string part) => PartNames.Contains(part, StringComparer.Ordinal);

    public ContentFieldDefinition? Field(string name) => FieldList.FirstOrDefault(f => f.Name == name);
}

/// <param name="Creatable">Editors can create items of the type from the admin.</param>
/// <param name="Draftable">Saving keeps a draft; publishing is a separate step.</param>
/// <param name="Versionable">Every save is kept as a version that can be restored.</param>
/// <param name="Listable">Items appear in the admin content list.</param>
/// <param name="RoutePattern">Public address of published items, e.g. <c>{slug}</c> or <c>servizi/{slug}</c>; needs AutoroutePart.</param>
internal sealed record ContentTypeSettings(
    bool Creatable = true,
    bool Draftable = true,
    bool Versionable = true,
    bool Listable = true,
    string? RoutePattern = null);

/// <summary>The kinds of field a content type can declare.</summary>
internal enum ContentFieldKind
{
    Text,
    Markdown,
    Number,
    Date,
    Boolean,
    Link,
    Taxonomy,
    ContentPicker,
    Media,
}

/// <param name="Name">Technical name, e.g. <c>Corpo</c>: an upper-case letter, then letters and digits.</param>
/// <param name="DisplayName">Label shown to editors and citizens.</param>
/// <param name="Type">Kind of value.</param>
/// <param name="Required">A value is needed to save (not for boolean fields).</param>
/// <param name="Hint">Help text under the input.</param>
/// <param name="MaxLength">Maximum number of characters (text, markdown, link).</param>
/// <param name="Min">Minimum value (number).</param>
/// <param name="Max">Maximum value (number).</param>
/// <param name="Multiple">More than one value (taxonomy, contentPicker, media).</param>
/// <param name="Taxonomy">Name of the taxonomy whose terms can be chosen (taxonomy).</param>
/// <param name="ContentTypes">Types of the items that can be picked (contentPicker); any type when empty.</param>
/// <param name="AllowedExtensions">File extensions accepted, e.g. <c>.pdf</c> (media).</param>
/// <param name="MaxSizeKb">Largest file accepted, in KB (media).</param>
internal sealed record ContentFieldDefinition(
    string Name,
    string DisplayName,
    ContentFieldKind Type,
    bool Required = false,
    string? Hint = null,
    int? MaxLength = null,
    decimal? Min = null,
    decimal? Max = null,
    bool Multiple = false,
    string? Taxonomy = null,
    IReadOnlyList<string>? ContentTypes = null,
    IReadOnlyList<string>? AllowedExtensions = null,
    int? MaxSizeKb = null);

/// <summary>A taxonomy of a zone: a flat list of terms that taxonomy fields pick from.</summary>
/// <param name="Name">Technical name, e.g. <c>AreeIntervento</c>.</param>
/// <param name="DisplayName">Name shown to editors.</param>
/// <param name="Terms">The terms, in display order.</param>
internal sealed record TaxonomyDefinition(string Name, string DisplayName, IReadOnlyList<TaxonomyTerm> Terms);

/// <param name="Id">Stable id of the term, e.g. <c>disabilita</c>.</param>
/// <param name="Name">The term as people read it.</param>
internal sealed record TaxonomyTerm(string Id, string Name);

/// <summary>A media file stored in a zone and referenced by a media field.</summary>
/// <param name="Path">Path under the zone's media folder, e.g. <c>2026/11/ab12cd34ef56-relazione.pdf</c>.</param>
/// <param name="FileName">Original file name.</param>
/// <param name="ContentType">MIME type.</param>
/// <param name="Size">Size in bytes.</param>
internal sealed record MediaValue(string Path, string FileName, string ContentType, long Size);

/// <summary>The value of a link field.</summary>
internal sealed record LinkValue(string Url, string? Text = null);
