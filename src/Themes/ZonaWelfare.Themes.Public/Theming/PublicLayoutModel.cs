using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using ZonaWelfare.Abstractions.Modules;
using ZonaWelfare.Abstractions.Settings;
using ZonaWelfare.Abstractions.Zones;

namespace ZonaWelfare.Themes.Public.Theming;

/// <summary>What the public layout shows around a page: the zone's identity, navigation and colours.</summary>
internal sealed record PublicLayoutModel(
    ZoneDescriptor? Zone,
    string SiteName,
    SiteSettings Site,
    ThemeSettings Theme,
    ThemePalette Palette,
    IReadOnlyList<NavigationItem> Navigation)
{
    public const string PlatformName = "ZonaWelfare";

    /// <summary>Text of the header mark: the configured logo text, otherwise none (the generic icon is drawn).</summary>
    public string? LogoText => string.IsNullOrWhiteSpace(Theme.LogoText) ? null : Theme.LogoText.Trim();

    public static async Task<PublicLayoutModel> LoadAsync(HttpContext http)
    {
        var services = http.RequestServices;
        var zone = services.GetRequiredService<IZoneContext>().Zone;
        var navigation = await services.GetRequiredService<IZoneNavigation>().GetItemsAsync(http.RequestAborted);
        if (zone is null)
        {
            var platformTheme = new ThemeSettings();
            return new PublicLayoutModel(null, PlatformName, new SiteSettings(), platformTheme, ThemePalette.From(platformTheme), navigation);
        }

        // The settings store reads the zone's own database: only ask it inside a zone.
        var settings = services.GetRequiredService<IZoneSettingsStore>();
        var site = await settings.GetAsync<SiteSettings>(SiteSettings.SectionName, http.RequestAborted);
        var theme = await settings.GetAsync<ThemeSettings>(ThemeSettings.SectionName, http.RequestAborted);
        return new PublicLayoutModel(zone, zone.DisplayName, site, theme, ThemePalette.From(theme), navigation);
    }

    /// <summary>Whether a zone-relative link (e.g. <c>opendata</c>, or empty for the home) is the page being shown.</summary>
    public static bool IsCurrent(HttpContext http, string path)
    {
        var current = http.Request.Path.Value?.Trim('/') ?? "";
        var target = path.Trim('/');
        return target.Length == 0
            ? current.Length == 0
            : current.Equals(target, StringComparison.OrdinalIgnoreCase) || current.StartsWith(target + "/", StringComparison.OrdinalIgnoreCase);
    }
}
