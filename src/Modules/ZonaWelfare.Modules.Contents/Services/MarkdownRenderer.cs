using Ganss.Xss;
using Markdig;

namespace ZonaWelfare.Modules.Contents.Services;

/// <summary>
/// Markdown to HTML that is safe to show: Markdig renders, HtmlSanitizer removes scripts, event
/// attributes and unsafe URL schemes, whatever the editor typed. Stateless after construction, so shared.
/// </summary>
internal sealed class MarkdownRenderer : ZonaWelfare.Abstractions.Contents.IMarkdownRenderer
{
    private readonly MarkdownPipeline _pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseListExtras()
        .UseAutoLinks()
        .Build();

    private readonly HtmlSanitizer _sanitizer = CreateSanitizer();

    public string ToSafeHtml(string? markdown) =>
        string.IsNullOrWhiteSpace(markdown) ? "" : _sanitizer.Sanitize(Markdown.ToHtml(markdown, _pipeline));

    public Microsoft.AspNetCore.Html.IHtmlContent Render(string? markdown) => new Microsoft.AspNetCore.Html.HtmlString(ToSafeHtml(markdown));

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Clear();
        foreach (var scheme in new[] { "http", "https", "mailto", "tel" })
        {
            sanitizer.AllowedSchemes.Add(scheme);
        }

        sanitizer.AllowedAttributes.Remove("style");
        sanitizer.AllowedTags.Remove("form");
        sanitizer.AllowedTags.Remove("input");
        sanitizer.AllowedTags.Remove("button");
        sanitizer.AllowedTags.Remove("textarea");
        sanitizer.AllowedTags.Remove("select");
        return sanitizer;
    }
}
