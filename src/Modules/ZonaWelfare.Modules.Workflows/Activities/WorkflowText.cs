using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using ZonaWelfare.Abstractions.Contents;
using ZonaWelfare.Abstractions.Workflows;
using ZonaWelfare.Abstractions.Zones;

namespace ZonaWelfare.Modules.Workflows.Activities;

/// <summary>
/// Texts of tasks (e-mail subject and body, audit messages, titles) with a fixed set of placeholders, replaced with
/// plain values: <c>{titolo}</c>, <c>{tipo}</c>, <c>{indirizzo}</c>, <c>{zona}</c>, <c>{data}</c>. Not a template language.
/// </summary>
internal static partial class WorkflowText
{
    public static readonly IReadOnlyList<(string Token, string Meaning)> Tokens =
    [
        ("titolo", "il titolo del contenuto"),
        ("tipo", "il tipo del contenuto"),
        ("indirizzo", "l'indirizzo pubblico del contenuto"),
        ("zona", "il nome della zona"),
        ("data", "la data di oggi"),
    ];

    /// <summary>Reports each unknown placeholder of <paramref name="text"/>.</summary>
    public static void Validate(string? text, string path, WorkflowValidationContext context)
    {
        foreach (Match match in Placeholder().Matches(text ?? ""))
        {
            if (!Tokens.Any(t => t.Token == match.Groups[1].Value))
            {
                context.Add(path, $"il segnaposto «{{{match.Groups[1].Value}}}» non esiste (si possono usare: {string.Join(", ", Tokens.Select(t => "{" + t.Token + "}"))}).");
            }
        }
    }

    public static async Task<string> RenderAsync(string text, WorkflowExecutionContext context, CancellationToken cancellationToken)
    {
        if (!text.Contains('{', StringComparison.Ordinal))
        {
            return text;
        }

        var zone = context.Services.GetRequiredService<IZoneContext>().Current;
        var item = context.Item;
        string? address = null;
        if (item is not null && text.Contains("{indirizzo}", StringComparison.Ordinal))
        {
            var path = await context.Services.GetRequiredService<IContentMetadata>().PublicPathAsync(item, cancellationToken);
            var host = zone.HostNames.Count > 0 ? zone.HostNames[0] : null;
            address = path is null ? null : host is null ? $"/{zone.Slug}/{path}" : $"https://{host}/{path}";
        }

        string? typeName = null;
        if (item is not null && text.Contains("{tipo}", StringComparison.Ordinal))
        {
            typeName = (await context.Services.GetRequiredService<IContentMetadata>().GetTypeAsync(item.ContentType, cancellationToken))?.DisplayName ?? item.ContentType;
        }

        return Placeholder().Replace(text, match => match.Groups[1].Value switch
        {
            "titolo" => item?.DisplayText ?? "",
            "tipo" => typeName ?? "",
            "indirizzo" => address ?? "",
            "zona" => zone.DisplayName,
            "data" => context.Now.ToOffset(Models.ZoneTime.Rome.GetUtcOffset(context.Now)).ToString("d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("it-IT")),
            _ => match.Value,
        });
    }

    [GeneratedRegex(@"\{([a-z]+)\}")]
    private static partial Regex Placeholder();
}
