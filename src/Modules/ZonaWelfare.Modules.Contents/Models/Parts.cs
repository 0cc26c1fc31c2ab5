using ZonaWelfare.Abstractions.Contents;

namespace ZonaWelfare.Modules.Contents.Models;

/// <summary>The item's title; it is also its display text.</summary>
internal sealed class TitlePart : ContentPart
{
    public string Title { get; set; } = "";
}

/// <summary>
/// The item's public address: a slug (from the title when left empty) put into the type's route
/// pattern. The full path is computed, never stored in the document, and lives in the route index.
/// </summary>
internal sealed class AutoroutePart : ContentPart
{
    public string? Slug { get; set; }
}

/// <summary>Whether a published item appears in the zone's public navigation ("Mostra nel menu").</summary>
internal sealed class MenuPart : ContentPart
{
    public bool ShowInMenu { get; set; }

    /// <summary>Text of the menu link; the title when empty.</summary>
    public string? MenuText { get; set; }

    public int Order { get; set; } = 100;
}
