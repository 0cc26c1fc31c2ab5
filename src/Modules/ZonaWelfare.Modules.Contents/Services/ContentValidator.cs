using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using ZonaWelfare.Modules.Contents.Data;
using ZonaWelfare.Modules.Contents.Models;

namespace ZonaWelfare.Modules.Contents.Services;

/// <summary>Checks a canonical document against its type: parts, fields, unique address, references.</summary>
internal sealed class ContentValidator(ContentsDbContext db, ContentDefinitionStore definitions, ReservedRoutes reserved, ContentPartValidators validators)
{
    public const int MaxTitleLength = 200;

    /// <summary>Problems that need no database: titles, slugs, field values.</summary>
    public static List<ContentProblem> CheckValues(ContentTypeDefinition type, JsonObject content, IReadOnlyList<TaxonomyDefinition> taxonomies)
    {
        var problems = new List<ContentProblem>();
        if (type.HasPart(nameof(TitlePart)))
        {
            var title = ContentShape.TitleOf(content);
            var key = ContentProblem.PartKey(nameof(TitlePart), "title");
            if (title.Length == 0)
            {
                problems.Add(new ContentProblem(key, "Il campo «Titolo» è obbligatorio."));
            }
            else if (title.Length > MaxTitleLength)
            {
                problems.Add(new ContentProblem(key, $"Il campo «Titolo» può contenere al massimo {MaxTitleLength} caratteri."));
            }
        }

        if (type.HasPart(nameof(AutoroutePart)) && type.EffectiveSettings.RoutePattern is not null)
        {
            var slug = ContentShape.SlugOf(content) ?? "";
            var key = ContentProblem.PartKey(nameof(AutoroutePart), "slug");
            if (slug.Length == 0)
            {
                problems.Add(new ContentProblem(key, "Il campo «Indirizzo» è obbligatorio: scrivi un titolo o un indirizzo."));
            }
            else if (slug.Length > 100 || !DefinitionRules.Slug().IsMatch(slug))
            {
                problems.Add(new ContentProblem(key, "Il campo «Indirizzo» può contenere solo lettere minuscole senza accenti, cifre e trattini (es. «chi-siamo»), al massimo 100 caratteri."));
            }
        }

        if (type.HasPart(nameof(MenuPart)) && content[nameof(MenuPart)]?["menuText"]?.GetValue<string>() is { Length: > 60 })
        {
            problems.Add(new ContentProblem(ContentProblem.PartKey(nameof(MenuPart), "menuText"), "Il campo «Testo nel menu» può contenere al massimo 60 caratteri."));
        }

        var fields = content[type.Name] as JsonObject;
        foreach (var field in type.FieldList)
        {
            var value = fields?[field.Name];
            var key = ContentProblem.FieldKey(field.Name);
            if (FieldRules.ShapeError(field, value) is { } shape)
            {
                problems.Add(new ContentProblem(key, shape));
                continue;
            }

            var taxonomy = field.Taxonomy is null ? null : taxonomies.FirstOrDefault(t => t.Name == field.Taxonomy);
            problems.AddRange(FieldRules.Problems(field, value, taxonomy).Select(m => new ContentProblem(key, m)));
        }

        return problems;
    }

    /// <summary>Every problem, including the unique address and the items content pickers refer to.</summary>
    public async Task<List<ContentProblem>> ValidateAsync(string contentItemId, ContentTypeDefinition type, JsonObject content, CancellationToken cancellationToken)
    {
        var problems = CheckValues(type, content, await definitions.ListTaxonomiesAsync(cancellationToken));
        problems.AddRange(await validators.ValidateAsync(type, contentItemId, content, cancellationToken));
        if (ContentShape.PathOf(type, content) is { } path && problems.All(p => p.Key != ContentProblem.PartKey(nameof(AutoroutePart), "slug")))
        {
            if (await PathProblemAsync(contentItemId, path, cancellationToken) is { } message)
            {
                problems.Add(new ContentProblem(ContentProblem.PartKey(nameof(AutoroutePart), "slug"), message));
            }
        }

        var fields = content[type.Name] as JsonObject;
        foreach (var field in type.FieldList.Where(f => f.Type == ContentFieldKind.ContentPicker))
        {
            if (fields?[field.Name] is not JsonArray ids || problems.Any(p => p.Key == ContentProblem.FieldKey(field.Name)))
            {
                continue;
            }

            var wanted = ids.Select(i => i!.GetValue<string>()).ToList();
            var found = await db.Items.AsNoTracking().Where(i => wanted.Contains(i.ContentItemId) && !i.Deleted).Select(i => new { i.ContentItemId, i.ContentType }).ToListAsync(cancellationToken);
            foreach (var id in wanted)
            {
                var item = found.FirstOrDefault(f => f.ContentItemId == id);
                if (item is null)
                {
                    problems.Add(new ContentProblem(ContentProblem.FieldKey(field.Name), $"Il campo «{field.DisplayName}» collega un contenuto che non esiste: '{id}'."));
                }
                else if (field.ContentTypes is { Count: > 0 } allowed && !allowed.Contains(item.ContentType))
                {
                    problems.Add(new ContentProblem(ContentProblem.FieldKey(field.Name), $"Il campo «{field.DisplayName}» accetta solo contenuti di tipo {string.Join(", ", allowed)}."));
                }
            }
        }

        return problems;
    }

    /// <summary>Why another item or section already owns <paramref name="path"/>, or null when it is free.</summary>
    public async Task<string?> PathProblemAsync(string contentItemId, string path, CancellationToken cancellationToken)
    {
        if (reserved.IsReserved(path))
        {
            return $"L'indirizzo «/{path}» è riservato a un'altra sezione del sito: scegline un altro.";
        }

        var owner = await db.Items.AsNoTracking()
            .Where(i => i.ContentItemId != contentItemId && !i.Deleted && i.Path == path)
            .Select(i => i.DisplayText)
            .FirstOrDefaultAsync(cancellationToken);
        owner ??= await db.Routes.AsNoTracking()
            .Where(r => r.ContentItemId != contentItemId && r.Path == path)
            .Join(db.Items, r => r.ContentItemId, i => i.ContentItemId, (r, i) => i.DisplayText)
            .FirstOrDefaultAsync(cancellationToken);
        return owner is null ? null : $"L'indirizzo «/{path}» è già usato da «{owner}»: scegline un altro.";
    }
}
