using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using ZonaWelfare.Abstractions.Recipes;
using ZonaWelfare.Abstractions.Settings;

namespace ZonaWelfare.Web.IntegrationTests;

/// <summary>
/// What a browser is told on every answer: run only this site's scripts, never inside another site's frame, no
/// MIME sniffing, little referrer; and a zone's settings cannot make a link run code.
/// </summary>
public sealed partial class SecurityHeadersTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/livornese/")]
    [InlineData("/livornese/bussola")]
    [InlineData("/admin/login")]
    [InlineData("/api/livornese/services")]
    [InlineData("/_content/ZonaWelfare.Themes.Public/css/public.css")]
    [InlineData("/livornese/una-pagina-che-non-esiste")]
    [InlineData("/admin/zones/nessuna")]
    public async Task Every_answer_carries_the_security_headers(string path)
    {
        var response = await app.Client().GetAsync(path);

        var csp = Header(response, "Content-Security-Policy");
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("object-src 'none'", csp, StringComparison.Ordinal);
        var scripts = csp.Split(';').Select(d => d.Trim()).Single(d => d.StartsWith("script-src ", StringComparison.Ordinal));
        Assert.Equal("script-src 'self'", scripts);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("strict-origin-when-cross-origin", Header(response, "Referrer-Policy"));
        Assert.Contains("camera=()", Header(response, "Permissions-Policy"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/livornese/", "geolocation=()")]
    [InlineData("/livornese/bussola", "geolocation=(self)")]
    [InlineData("/livornese/bussola/servizi/telesoccorso", "geolocation=(self)")]
    [InlineData("/livornese/bussola-estate", "geolocation=()")]
    [InlineData("/admin/login", "geolocation=()")]
    public async Task Only_the_bussola_may_ask_for_the_position(string path, string expected)
    {
        var response = await app.Client().GetAsync(path);
        Assert.Contains(expected, Header(response, "Permissions-Policy"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/livornese/")]
    [InlineData("/livornese/bussola?q=anziani")]
    [InlineData("/admin/login")]
    public async Task Pages_carry_no_inline_code_the_policy_would_block(string path)
    {
        var html = await app.Client(followRedirects: true).GetStringAsync(path);

        Assert.DoesNotMatch(InlineScript(), html);
        Assert.DoesNotMatch(InlineHandler(), html);
        Assert.DoesNotMatch(StyleAttribute(), html);
    }

    [Theory]
    [InlineData("javascript:alert(document.cookie)")]
    [InlineData("JavaScript:alert(1)")]
    [InlineData("data:text/html,<script>alert(1)</script>")]
    [InlineData("vbscript:msgbox(1)")]
    [InlineData("www.comune.it")]
    public async Task A_website_setting_that_is_not_a_web_address_is_refused_by_the_recipe(string website)
    {
        var recipe = $$"""
            { "name": "s", "displayName": "S", "version": "1", "steps": [
              { "name": "settings", "sections": { "site": { "organization": "Prova", "website": {{System.Text.Json.JsonSerializer.Serialize(website)}} } } } ] }
            """;

        var error = await Assert.ThrowsAsync<RecipeValidationException>(() => app.CreateZoneAsync("sito-" + Guid.NewGuid().ToString("N")[..8], recipe));

        Assert.Contains(error.Errors, e => e.Message.Contains(SafeUrl.Message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_stored_javascript_website_is_never_rendered_as_a_link()
    {
        const string slug = "sito-vecchio";
        await app.CreateZoneAsync(slug, """{ "name": "s", "displayName": "S", "version": "1", "steps": [ { "name": "settings", "sections": { "site": { "organization": "Prova" } } } ] }""");
        // A value stored before the rule existed, straight into the store.
        await app.InZoneAsync(slug, services => services.GetRequiredService<IZoneSettingsStore>().SaveAsync(SiteSettings.SectionName, new SiteSettings { Organization = "Prova", Website = "javascript:alert(1)" }));

        var html = await app.Client().GetStringAsync($"/{slug}/?v=" + Guid.NewGuid().ToString("N"));

        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("https://www.comune.livorno.it", true)]
    [InlineData("http://example.org/a?b=c", true)]
    [InlineData("mailto:sportello@comune.it", true)]
    [InlineData("tel:+390586000000", true)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData(" javascript:alert(1)", false)]
    [InlineData("data:text/html,x", false)]
    [InlineData("file:///etc/passwd", false)]
    [InlineData("//evil.example", false)]
    [InlineData("https://", false)]
    public void Safe_addresses_are_http_mailto_and_tel_only(string url, bool allowed) =>
        Assert.Equal(allowed, SafeUrl.IsAllowed(url));

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : throw new Xunit.Sdk.XunitException($"{response.RequestMessage!.RequestUri!.PathAndQuery} ({(int)response.StatusCode}) has no {name} header");

    /// <summary>A script element without <c>src</c> that is not a JSON data block.</summary>
    [GeneratedRegex(@"<script(?![^>]*\bsrc=)(?![^>]*application/ld\+json)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [GeneratedRegex(@"<[a-z][^>]*\son[a-z]+\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex InlineHandler();

    [GeneratedRegex(@"<[a-z][^>]*\sstyle\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex StyleAttribute();
}
