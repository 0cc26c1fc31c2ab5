using System.Net;
using System.Text.RegularExpressions;

namespace ZonaWelfare.Web.IntegrationTests.Theme;

/// <summary>The themes on Bootstrap Italia: the vendor files the build copies are served, and each zone wears its colours.</summary>
[Collection(ShippedCollection.Name)]
public sealed partial class PublicThemeTests(ShippedApp app)
{
    [Theory]
    [InlineData("/")]
    [InlineData("/livornese/")]
    [InlineData("/livornese/opendata")]
    [InlineData("/admin/login")]
    public async Task Every_stylesheet_script_and_icon_a_page_links_is_served(string path)
    {
        var client = app.Client();
        var html = await client.GetStringAsync(path);

        var assets = AssetLink().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups["url"].Value)).Distinct().ToList();

        Assert.Contains(assets, a => a.Contains("/lib/bootstrap-italia/css/bootstrap-italia.min.css", StringComparison.Ordinal));
        foreach (var asset in assets)
        {
            var response = await client.GetAsync(asset);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{asset} linked from {path} answers {(int)response.StatusCode}");
            Assert.True((await response.Content.ReadAsByteArrayAsync()).Length > 0, $"{asset} linked from {path} is empty");
        }
    }

    [Theory]
    [InlineData("lib/bootstrap-italia/js/bootstrap-italia.bundle.min.js", "javascript")]
    [InlineData("lib/bootstrap-italia/svg/sprites.svg", "image/svg+xml")]
    [InlineData("lib/bootstrap-italia/fonts/Titillium_Web/titillium-web-v10-latin-ext_latin-regular.woff2", "font/woff2")]
    [InlineData("css/fonts.css", "text/css")]
    public async Task The_vendor_files_are_served_from_the_public_theme_inside_a_zone_too(string file, string contentType)
    {
        var response = await app.Client().GetAsync("/grossetana/_content/ZonaWelfare.Themes.Public/" + file);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(contentType, response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/livornese/", "#00627A", "ZL")]
    [InlineData("/grossetana/", "#2E6B30", "COeSO")]
    public async Task A_zone_wears_the_colour_and_logo_text_of_its_theme_settings(string path, string primary, string logoText)
    {
        var html = await app.Client().GetStringAsync(path);

        Assert.Contains($"--zw-primary:{primary};", html, StringComparison.Ordinal);
        Assert.Contains($"<span class=\"zw-logo-mark\" aria-hidden=\"true\">{logoText}</span>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_zone_without_theme_settings_gets_the_Bootstrap_Italia_blue()
    {
        await app.CreateZoneAsync("senza-tema", """{ "name": "t", "displayName": "T", "version": "1", "steps": [ { "name": "zone", "displayName": "Zona Senza Tema", "comuni": [ "Uno" ] } ] }""");

        var html = await app.Client().GetStringAsync("/senza-tema/");

        Assert.Contains("--zw-primary:#0066CC;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("zw-logo-mark", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_layout_has_landmarks_a_skip_link_and_marks_the_current_page()
    {
        var html = await app.Client().GetStringAsync("/livornese/opendata");

        Assert.Contains("<a class=\"visually-hidden-focusable\" href=\"#contenuto\">Vai al contenuto principale</a>", html, StringComparison.Ordinal);
        Assert.Contains("<header class=\"it-header-wrapper", html, StringComparison.Ordinal);
        Assert.Contains("<nav class=\"navbar navbar-expand-lg\" aria-label=\"Navigazione principale\">", html, StringComparison.Ordinal);
        Assert.Contains("<main id=\"contenuto\"", html, StringComparison.Ordinal);
        Assert.Contains("<footer class=\"it-footer", html, StringComparison.Ordinal);
        Assert.Contains("<a class=\"nav-link active\" href=\"/livornese/opendata\" aria-current=\"page\"><span>Dati aperti</span></a>", html, StringComparison.Ordinal);
        Assert.Contains("<li class=\"breadcrumb-item active\" aria-current=\"page\">Dati aperti</li>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_public_stylesheet_has_print_rules_that_hide_navigation_and_show_link_addresses()
    {
        var css = await app.Client().GetStringAsync("/_content/ZonaWelfare.Themes.Public/css/public.css");

        var print = css[css.IndexOf("@media print", StringComparison.Ordinal)..];
        Assert.Contains(".it-header-navbar-wrapper", print, StringComparison.Ordinal);
        Assert.Contains(".zw-footer", print, StringComparison.Ordinal);
        Assert.Contains("attr(href)", print, StringComparison.Ordinal);
    }

    [GeneratedRegex("""<(?:link rel="(?:stylesheet|icon)"|script) (?:href|src)="(?<url>[^"]+)"|<use href="(?<url>[^"#]+)#""")]
    private static partial Regex AssetLink();
}
