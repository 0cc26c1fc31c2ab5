using ZonaWelfare.Abstractions.Settings;
using ZonaWelfare.Themes.Public.Theming;

namespace ZonaWelfare.Web.IntegrationTests.Theme;

/// <summary>Whatever colours a zone picks, every text/background pair of the public layout reaches WCAG AA.</summary>
public sealed class ThemePaletteTests
{
    private static readonly Rgb White = Rgb.White;

    [Theory]
    [InlineData("#0066CC")]
    [InlineData("#00627A")]
    [InlineData("#2E6B30")]
    [InlineData("#FFFF00")] // yellow: needs dark text, and a much darker accent for links
    [InlineData("#FFFFFF")]
    [InlineData("#000000")]
    [InlineData("#777777")] // mid grey: neither white nor near-black is an obvious winner
    [InlineData("#E4007C")]
    [InlineData("#7FFFD4")]
    public void Every_pair_reaches_AA_whatever_the_primary_colour(string primary)
    {
        var palette = ThemePalette.From(new ThemeSettings { PrimaryColor = primary });

        Assert.Equal(primary, palette.Primary.ToString());
        AssertReadable(palette.OnPrimary, palette.Primary, "header text");
        AssertReadable(palette.OnPrimaryDark, palette.PrimaryDark, "slim header text");
        AssertReadable(palette.Accent, White, "links on white");
        AssertReadable(palette.Accent, ThemePalette.LightSurface, "links on light surfaces");
        AssertReadable(White, palette.Accent, "button text");
        AssertReadable(palette.AccentHover, White, "hovered links");
        AssertReadable(palette.OnFooter, palette.Footer, "footer text");
    }

    [Fact]
    public void A_light_primary_gets_dark_text_and_a_darkened_accent()
    {
        var palette = ThemePalette.From(new ThemeSettings { PrimaryColor = "#FFFF00" });

        Assert.NotEqual(Rgb.White, palette.OnPrimary);
        Assert.NotEqual(palette.Primary, palette.Accent);
    }

    [Fact]
    public void A_dark_enough_primary_is_used_as_it_is_for_links()
    {
        var palette = ThemePalette.From(new ThemeSettings { PrimaryColor = "#00627A" });

        Assert.Equal(Rgb.White, palette.OnPrimary);
        Assert.Equal("#00627A", palette.Accent.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("blu")]
    [InlineData("#12345")]
    [InlineData("#GGGGGG")]
    [InlineData("red;}body{display:none")]
    public void A_missing_or_malformed_colour_falls_back_to_the_default(string? color)
    {
        var palette = ThemePalette.From(new ThemeSettings { PrimaryColor = color, SecondaryColor = color });

        Assert.Equal(ThemePalette.DefaultPrimary, palette.Primary);
        Assert.DoesNotContain("display", palette.ToCss(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_secondary_colour_is_the_footer_background()
    {
        var palette = ThemePalette.From(new ThemeSettings { PrimaryColor = "#00627A", SecondaryColor = "#0B2E3A" });

        Assert.Equal("#0B2E3A", palette.Footer.ToString());
        Assert.Contains("--zw-footer:#0B2E3A", palette.ToCss(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("#FFFFFF", "#000000", 21.0)]
    [InlineData("#FFFFFF", "#FFFFFF", 1.0)]
    [InlineData("#0066CC", "#FFFFFF", 5.57)]
    public void Contrast_follows_the_WCAG_formula(string a, string b, double expected) =>
        Assert.Equal(expected, Rgb.Contrast(Rgb.Parse(a)!.Value, Rgb.Parse(b)!.Value), precision: 2);

    private static void AssertReadable(Rgb text, Rgb background, string what)
    {
        var ratio = Rgb.Contrast(text, background);
        Assert.True(ratio >= 4.5, $"{what}: {text} on {background} is {ratio:0.00}:1, below 4.5:1");
    }
}
