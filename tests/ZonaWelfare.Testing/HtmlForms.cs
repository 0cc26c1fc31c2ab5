using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace ZonaWelfare.Testing;

/// <summary>
/// What a browser would submit for a form of a page, following the HTML rules for the form data set: enabled,
/// named controls; checked checkboxes and radios; selected options (the first one of a single select when none
/// is marked); textarea text with its first newline dropped and line breaks as CRLF; only the clicked button.
/// Files are left out (no file chosen).
/// </summary>
public static class HtmlForms
{
    private static readonly HtmlParser Parser = new();

    /// <summary>The fields of the form matched by <paramref name="formSelector"/>, submitted by the button <c>name=value</c> given.</summary>
    public static List<KeyValuePair<string, string>> Fields(string html, string formSelector, (string Name, string Value)? submitter = null)
    {
        var document = Parser.ParseDocument(html);
        var form = document.QuerySelector(formSelector) as IHtmlFormElement
            ?? throw new InvalidOperationException($"The page has no form matching '{formSelector}'.");
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            var name = element.GetAttribute("name");
            if (string.IsNullOrEmpty(name) || element.HasAttribute("disabled") || element.Closest("fieldset[disabled]") is not null)
            {
                continue;
            }

            switch (element)
            {
                case IHtmlInputElement input:
                    var type = (input.GetAttribute("type") ?? "text").ToLowerInvariant();
                    switch (type)
                    {
                        case "checkbox" or "radio":
                            if (input.HasAttribute("checked"))
                            {
                                fields.Add(new(name, input.GetAttribute("value") ?? "on"));
                            }

                            break;
                        case "submit" or "button" or "reset" or "image" or "file":
                            break;
                        default:
                            fields.Add(new(name, input.GetAttribute("value") ?? ""));
                            break;
                    }

                    break;
                case IHtmlTextAreaElement textarea:
                    fields.Add(new(name, textarea.Value.Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", "\r\n", StringComparison.Ordinal)));
                    break;
                case IHtmlSelectElement select:
                    var options = select.Options.Where(o => !o.HasAttribute("disabled")).ToList();
                    var chosen = options.Where(o => o.HasAttribute("selected")).ToList();
                    if (chosen.Count == 0 && !select.IsMultiple && options.Count > 0)
                    {
                        chosen.Add(options[0]);
                    }

                    fields.AddRange((select.IsMultiple ? chosen : chosen.Take(1)).Select(o => new KeyValuePair<string, string>(name, o.Value)));
                    break;
            }
        }

        if (submitter is { } button)
        {
            if (form.QuerySelectorAll("button[name], input[type=submit][name]").All(b => b.GetAttribute("name") != button.Name || (b.GetAttribute("value") ?? "") != button.Value))
            {
                throw new InvalidOperationException($"The form has no button {button.Name}={button.Value}.");
            }

            fields.Add(new(button.Name, button.Value));
        }

        return fields;
    }

    /// <summary>The form as multipart content, as a browser posts a form with <c>enctype="multipart/form-data"</c>.</summary>
    public static MultipartFormDataContent Multipart(IEnumerable<KeyValuePair<string, string>> fields)
    {
        var content = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            content.Add(new StringContent(value), name);
        }

        return content;
    }

    /// <summary>The action of the form (relative to the site root as the page wrote it).</summary>
    public static string Action(string html, string formSelector) =>
        (Parser.ParseDocument(html).QuerySelector(formSelector) as IHtmlFormElement)?.GetAttribute("action")
        ?? throw new InvalidOperationException($"The page has no form matching '{formSelector}' with an action.");
}
