using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace ZonaWelfare.Abstractions.Contents.Display;

/// <summary>
/// The markup contract between part editors (any module) and the Contents editor page, which brings the
/// behaviour: a markdown textarea gets "Scrivi / Anteprima" tabs, a picker gets a search box. Part editor views
/// use the tag helpers below (<c>@addTagHelper *, ZonaWelfare.Abstractions</c>); both work without JavaScript.
/// </summary>
public static class ContentEditorMarkup
{
    /// <summary>Marks a textarea whose text is markdown.</summary>
    public const string MarkdownAttribute = "data-zw-markdown";

    /// <summary>Marks a picker fieldset; its value is the part name the picked items carry.</summary>
    public const string PickerAttribute = "data-zw-picker";
}

/// <summary>
/// <c>&lt;markdown-editor asp-for="WhoFor" rows="8" /&gt;</c>: a textarea for markdown text, bound like <c>asp-for</c>
/// (name, id, value, validation state), with a short syntax hint.
/// </summary>
[HtmlTargetElement("markdown-editor", Attributes = "asp-for", TagStructure = TagStructure.WithoutEndTag)]
public sealed class MarkdownEditorTagHelper(IHtmlGenerator generator) : TagHelper
{
    [HtmlAttributeName("asp-for")]
    public required Microsoft.AspNetCore.Mvc.ViewFeatures.ModelExpression For { get; set; }

    public int Rows { get; set; } = 8;

    /// <summary>Ids of elements describing the input (e.g. a hint), besides the syntax hint.</summary>
    [HtmlAttributeName("aria-describedby")]
    public string? DescribedBy { get; set; }

    [HtmlAttributeNotBound]
    [ViewContext]
    public required ViewContext ViewContext { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var textarea = generator.GenerateTextArea(ViewContext, For.ModelExplorer, For.Name, Rows, columns: 0, htmlAttributes: null);
        var id = textarea.Attributes["id"];
        var hint = id + "-md";
        textarea.Attributes[ContentEditorMarkup.MarkdownAttribute] = "";
        textarea.Attributes["aria-describedby"] = string.Join(' ', new[] { DescribedBy, hint }.Where(v => !string.IsNullOrEmpty(v)));
        if (ViewContext.ViewData.ModelState.TryGetValue(ViewContext.ViewData.TemplateInfo.GetFullHtmlFieldName(For.Name), out var entry) && entry.Errors.Count > 0)
        {
            textarea.Attributes["aria-invalid"] = "true";
        }

        output.TagName = null;
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Content.AppendHtml(textarea);
        output.Content.AppendHtml($"<p class=\"muted small\" id=\"{HtmlEncoder.Default.Encode(hint)}\">Testo in Markdown: **grassetto**, *corsivo*, elenchi con «-», collegamenti [testo](https://…).</p>");
    }
}

/// <summary>
/// <c>&lt;content-picker asp-for="LocationIds" part="LocationPart" options="Model.Locations" label="Sedi" multiple /&gt;</c>:
/// chooses content items by title, as checkboxes (<c>multiple</c>) or radio buttons with "nessuno". The Contents
/// editor page adds a search box that filters the list and asks the server for items not listed.
/// </summary>
[HtmlTargetElement("content-picker", Attributes = "asp-for,part,options", TagStructure = TagStructure.WithoutEndTag)]
public sealed class ContentPickerTagHelper : TagHelper
{
    [HtmlAttributeName("asp-for")]
    public required Microsoft.AspNetCore.Mvc.ViewFeatures.ModelExpression For { get; set; }

    /// <summary>The part the items to pick carry, e.g. <c>LocationPart</c>.</summary>
    public required string Part { get; set; }

    /// <summary>The items offered (chosen ones first is not required: chosen ones are checked wherever they are).</summary>
    public required IEnumerable<ContentItemSummary> Options { get; set; }

    public required string Label { get; set; }

    public bool Multiple { get; set; }

    /// <summary>A line of help under the legend.</summary>
    public string? Hint { get; set; }

    [HtmlAttributeNotBound]
    [ViewContext]
    public required ViewContext ViewContext { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var encoder = HtmlEncoder.Default;
        var name = ViewContext.ViewData.TemplateInfo.GetFullHtmlFieldName(For.Name);
        var id = TagBuilder.CreateSanitizedId(name, "_");
        var chosen = Chosen(name).ToHashSet(StringComparer.Ordinal);
        var invalid = ViewContext.ViewData.ModelState.TryGetValue(name, out var entry) && entry.Errors.Count > 0;

        output.TagName = "fieldset";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("id", id);
        output.Attributes.SetAttribute("class", "zw-picker");
        output.Attributes.SetAttribute(ContentEditorMarkup.PickerAttribute, Part);
        output.Attributes.SetAttribute("data-zw-picker-name", name);
        output.Attributes.SetAttribute("data-zw-picker-multiple", Multiple ? "true" : "false");
        if (invalid)
        {
            output.Attributes.SetAttribute("aria-invalid", "true");
        }

        var html = output.Content;
        html.AppendHtml($"<legend>{encoder.Encode(Label)}</legend>");
        if (Hint is not null)
        {
            html.AppendHtml($"<p class=\"muted small\">{encoder.Encode(Hint)}</p>");
        }

        html.AppendHtml("<ul class=\"zw-picker-options\" role=\"list\">");
        if (!Multiple)
        {
            html.AppendHtml(Option(name, id + "__none", "", "— nessuno —", chosen.Count == 0, published: true));
        }

        var options = Options.DistinctBy(o => o.ContentItemId).ToList();
        for (var i = 0; i < options.Count; i++)
        {
            var option = options[i];
            html.AppendHtml(Option(name, $"{id}__{i}", option.ContentItemId, option.DisplayText, chosen.Contains(option.ContentItemId), option.Published));
        }

        html.AppendHtml("</ul>");

        string Option(string inputName, string inputId, string value, string text, bool isChosen, bool published) =>
            $"<li><input type=\"{(Multiple ? "checkbox" : "radio")}\" id=\"{encoder.Encode(inputId)}\" name=\"{encoder.Encode(inputName)}\" value=\"{encoder.Encode(value)}\"{(isChosen ? " checked" : "")} />"
            + $" <label for=\"{encoder.Encode(inputId)}\" class=\"zw-picker-label\">{encoder.Encode(text)}{(published ? "" : " <span class=\"muted\">(non pubblicato)</span>")}</label></li>";
    }

    /// <summary>The chosen ids: the posted values when the form is shown again, else the model's.</summary>
    private IEnumerable<string> Chosen(string name)
    {
        if (ViewContext.ViewData.ModelState.TryGetValue(name, out var entry) && entry.AttemptedValue is not null)
        {
            return entry.RawValue switch
            {
                string[] values => values,
                string value => [value],
                _ => [],
            };
        }

        return For.Model switch
        {
            string value when value.Length > 0 => [value],
            IEnumerable<string> values => values,
            _ => [],
        };
    }
}

/// <summary>
/// Accessible validation for every <c>asp-for</c> input, select and textarea of a part editor: an input with a problem
/// gets <c>aria-invalid="true"</c> and is described by its message (the <c>asp-validation-for</c> span, whose id
/// <see cref="ValidationMessageIdTagHelper"/> sets).
/// </summary>
[HtmlTargetElement("input", Attributes = "asp-for")]
[HtmlTargetElement("select", Attributes = "asp-for")]
[HtmlTargetElement("textarea", Attributes = "asp-for")]
public sealed class AriaInvalidTagHelper : TagHelper
{
    /// <summary>After the MVC tag helpers, which write the id.</summary>
    public override int Order => 1000;

    [HtmlAttributeName("asp-for")]
    public required Microsoft.AspNetCore.Mvc.ViewFeatures.ModelExpression For { get; set; }

    [HtmlAttributeNotBound]
    [ViewContext]
    public required ViewContext ViewContext { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var name = ViewContext.ViewData.TemplateInfo.GetFullHtmlFieldName(For.Name);
        if (!ViewContext.ViewData.ModelState.TryGetValue(name, out var entry) || entry.Errors.Count == 0)
        {
            return;
        }

        output.Attributes.SetAttribute("aria-invalid", "true");
        var message = ValidationMessageIdTagHelper.IdFor(name);
        var described = output.Attributes.TryGetAttribute("aria-describedby", out var existing) ? existing.Value?.ToString() : null;
        output.Attributes.SetAttribute("aria-describedby", string.IsNullOrEmpty(described) ? message : described + " " + message);
    }
}

/// <summary>Gives an <c>asp-validation-for</c> message the id its input refers to: <c>{input id}-error</c>.</summary>
[HtmlTargetElement("span", Attributes = "asp-validation-for")]
public sealed class ValidationMessageIdTagHelper : TagHelper
{
    [HtmlAttributeName("asp-validation-for")]
    public required Microsoft.AspNetCore.Mvc.ViewFeatures.ModelExpression For { get; set; }

    [HtmlAttributeNotBound]
    [ViewContext]
    public required ViewContext ViewContext { get; set; }

    public static string IdFor(string fullName) => TagBuilder.CreateSanitizedId(fullName, "_") + "-error";

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        if (!output.Attributes.ContainsName("id"))
        {
            output.Attributes.SetAttribute("id", IdFor(ViewContext.ViewData.TemplateInfo.GetFullHtmlFieldName(For.Name)));
        }
    }
}
