using ZonaWelfare.Modules.Contents.Models;
using ZonaWelfare.Modules.Contents.Services;

namespace ZonaWelfare.Modules.Contents.Tests;

/// <summary>Markdown rendering and field rules, without storage.</summary>
public sealed class RenderingTests
{
    private readonly MarkdownRenderer _markdown = new();

    [Theory]
    [InlineData("<script>alert('x')</script>Ciao", "<script")]
    [InlineData("<img src=x onerror=alert(1)>", "onerror")]
    [InlineData("[clicca](javascript:alert(1))", "javascript:")]
    [InlineData("<a href=\"#\" onclick=\"alert(1)\">x</a>", "onclick")]
    [InlineData("<iframe src=\"https://example.org\"></iframe>", "<iframe")]
    public void Markdown_payloads_render_inert(string markdown, string forbidden)
    {
        var html = _markdown.ToSafeHtml(markdown);

        Assert.DoesNotContain(forbidden, html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Markdown_keeps_formatting_tables_and_links()
    {
        var html = _markdown.ToSafeHtml("## Servizi\n\n**Centro** [sito](https://www.example.org)\n\n| a | b |\n|---|---|\n| 1 | 2 |");

        Assert.Contains("<h2>Servizi</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<strong>Centro</strong>", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://www.example.org\"", html, StringComparison.Ordinal);
        Assert.Contains("<table>", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Piano Integrato di Salute 2026-2028", "piano-integrato-di-salute-2026-2028")]
    [InlineData("Società della Salute: perché?", "societa-della-salute-perche")]
    [InlineData("  Disabilità & non autosufficienza ", "disabilita-non-autosufficienza")]
    public void Slugs_come_from_italian_titles(string title, string slug) => Assert.Equal(slug, TextFolding.Slugify(title));

    [Fact]
    public void Number_limits_are_reported_with_italian_formatting()
    {
        var field = new ContentFieldDefinition("Posti", "Posti", ContentFieldKind.Number, Min: 0.5m, Max: 10);

        Assert.Equal(["Il campo «Posti» non può essere minore di 0,5."], FieldRules.Problems(field, System.Text.Json.Nodes.JsonValue.Create(0.1m), null));
        Assert.Equal(["Il campo «Posti» non può essere maggiore di 10."], FieldRules.Problems(field, System.Text.Json.Nodes.JsonValue.Create(11m), null));
    }

    [Theory]
    [InlineData("https://www.asl.toscana.it", true)]
    [InlineData("mailto:udp@example.org", true)]
    [InlineData("/livornese/chi-siamo", true)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData("//evil.example", false)]
    [InlineData("data:text/html;base64,xx", false)]
    public void Only_safe_link_urls_are_accepted(string url, bool safe) => Assert.Equal(safe, FieldRules.IsSafeUrl(url));
}
