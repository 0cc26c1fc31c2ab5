using System.ComponentModel.DataAnnotations;

namespace ZonaWelfare.Abstractions.Settings;

/// <summary>
/// The <c>theme</c> settings section: how a zone's public site looks. Colours are <c>#RRGGBB</c>;
/// the theme picks the text colour on them and darkens them where needed, so any value stays readable.
/// </summary>
public sealed class ThemeSettings
{
    public const string SectionName = "theme";

    /// <summary>The only colour format accepted: <c>#</c> and six hexadecimal digits.</summary>
    public const string ColorPattern = "^#[0-9A-Fa-f]{6}$";

    private const string ColorMessage = "colore non valido: usare la forma #RRGGBB, ad esempio #0066CC.";

    /// <summary>Short mark shown in the header in place of an image logo, e.g. "ZL" or "COeSO".</summary>
    [StringLength(8, ErrorMessage = "il testo del logo può avere al massimo 8 caratteri.")]
    public string? LogoText { get; set; }

    /// <summary>Main colour: header background, buttons and, darkened when too light, links.</summary>
    [RegularExpression(ColorPattern, ErrorMessage = ColorMessage)]
    public string? PrimaryColor { get; set; }

    /// <summary>Footer background; when missing, a dark shade of the primary colour.</summary>
    [RegularExpression(ColorPattern, ErrorMessage = ColorMessage)]
    public string? SecondaryColor { get; set; }
}
