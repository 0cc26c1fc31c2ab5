using System.Globalization;
using ZonaWelfare.Abstractions.Settings;

namespace ZonaWelfare.Themes.Public.Theming;

/// <summary>
/// The colours of the public layout, derived from a zone's <see cref="ThemeSettings"/>. Every text/background
/// pair it returns reaches WCAG AA (4.5:1) whatever colour the zone chose: text on a colour is white or black,
/// whichever reads better, and the accent used for links and buttons is darkened until it reads on light surfaces.
/// </summary>
internal sealed record ThemePalette(
    Rgb Primary, Rgb OnPrimary, Rgb PrimaryDark, Rgb OnPrimaryDark, Rgb Accent, Rgb AccentHover, Rgb Footer, Rgb OnFooter)
{
    public const double MinimumContrast = 4.5;

    /// <summary>Bootstrap Italia's own primary colour, used when a zone sets none.</summary>
    public static readonly Rgb DefaultPrimary = Rgb.Parse("#0066CC")!.Value;

    /// <summary>The lightest-but-one surface the theme puts text on (cards, table headers); white is lighter still.</summary>
    public static readonly Rgb LightSurface = Rgb.Parse("#EEF2F6")!.Value;

    public static ThemePalette From(ThemeSettings settings)
    {
        var primary = Rgb.Parse(settings.PrimaryColor) ?? DefaultPrimary;
        var primaryDark = primary.Mix(Rgb.Black, 0.25);
        var accent = DarkenUntilReadable(primary, LightSurface);
        var footer = Rgb.Parse(settings.SecondaryColor) ?? primary.Mix(Rgb.Black, 0.6);
        return new ThemePalette(
            primary, ReadableTextOn(primary),
            primaryDark, ReadableTextOn(primaryDark),
            accent, DarkenUntilReadable(accent.Mix(Rgb.Black, 0.15), LightSurface),
            footer, ReadableTextOn(footer));
    }

    /// <summary>White when it reaches AA on the colour, otherwise near-black (or black, which always does then).</summary>
    public static Rgb ReadableTextOn(Rgb background)
    {
        if (Rgb.Contrast(Rgb.White, background) >= MinimumContrast)
        {
            return Rgb.White;
        }

        return Rgb.Contrast(Rgb.NearBlack, background) >= MinimumContrast ? Rgb.NearBlack : Rgb.Black;
    }

    /// <summary>The colour itself when it reads on the surface, otherwise the least darkened shade that does.</summary>
    public static Rgb DarkenUntilReadable(Rgb color, Rgb surface)
    {
        for (var step = 0; step <= 20; step++)
        {
            var candidate = color.Mix(Rgb.Black, step * 0.05);
            if (Rgb.Contrast(candidate, surface) >= MinimumContrast)
            {
                return candidate;
            }
        }

        return Rgb.Black;
    }

    /// <summary>Custom properties for the layout's <c>:root</c>; values are formatted here, never copied from settings.</summary>
    public string ToCss() => string.Create(CultureInfo.InvariantCulture,
        $":root{{--zw-primary:{Primary};--zw-on-primary:{OnPrimary};--zw-primary-dark:{PrimaryDark};--zw-on-primary-dark:{OnPrimaryDark};" +
        $"--zw-accent:{Accent};--zw-accent-rgb:{Accent.R},{Accent.G},{Accent.B};--zw-accent-hover:{AccentHover};" +
        $"--zw-footer:{Footer};--zw-on-footer:{OnFooter};" +
        $"--bs-primary:{Accent};--bs-primary-rgb:{Accent.R},{Accent.G},{Accent.B};--bs-link-color:{Accent};--bs-link-color-rgb:{Accent.R},{Accent.G},{Accent.B};--bs-link-hover-color:{AccentHover}}}");
}

/// <summary>An sRGB colour with the WCAG 2 relative luminance and contrast ratio.</summary>
internal readonly record struct Rgb(byte R, byte G, byte B)
{
    public static readonly Rgb White = new(255, 255, 255);
    public static readonly Rgb Black = new(0, 0, 0);
    public static readonly Rgb NearBlack = new(0x1A, 0x1A, 0x1A);

    /// <summary>Reads <c>#RRGGBB</c>; anything else (including null) is no colour.</summary>
    public static Rgb? Parse(string? value)
    {
        if (value is not { Length: 7 } || value[0] != '#'
            || !int.TryParse(value.AsSpan(1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var rgb))
        {
            return null;
        }

        return new Rgb((byte)(rgb >> 16), (byte)(rgb >> 8), (byte)rgb);
    }

    public double RelativeLuminance => (0.2126 * Channel(R)) + (0.7152 * Channel(G)) + (0.0722 * Channel(B));

    public static double Contrast(Rgb a, Rgb b)
    {
        var (la, lb) = (a.RelativeLuminance, b.RelativeLuminance);
        return (Math.Max(la, lb) + 0.05) / (Math.Min(la, lb) + 0.05);
    }

    /// <summary>This colour moved towards <paramref name="other"/> by <paramref name="amount"/> (0 to 1).</summary>
    public Rgb Mix(Rgb other, double amount) => new(Lerp(R, other.R, amount), Lerp(G, other.G, amount), Lerp(B, other.B, amount));

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"#{R:X2}{G:X2}{B:X2}");

    private static byte Lerp(byte from, byte to, double amount) => (byte)Math.Round(from + ((to - from) * amount));

    private static double Channel(byte value)
    {
        var c = value / 255.0;
        return c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
    }
}
