using System.Text.RegularExpressions;
using ZonaWelfare.Abstractions.Contents;
using ZonaWelfare.Modules.Contents.Models;

namespace ZonaWelfare.Modules.Contents.Services;

/// <summary>What makes content type and taxonomy definitions valid; shared by recipes and the admin editors.</summary>
internal static partial class DefinitionRules
{
    /// <summary>Checks a type and reports each problem.</summary>
    /// <param name="type">The definition to check.</param>
    /// <param name="parts">The parts the host offers, by name.</param>
    /// <param name="partModuleEnabled">Whether the module owning a part is enabled in the zone.</param>
    /// <param name="taxonomyExists">Whether a taxonomy of that name exists (or is being created).</param>
    /// <param name="typeExists">Whether a content type of that name exists (or is being created).</param>
    /// <param name="report">Gets a path relative to the type and an Italian message.</param>
    public static void CheckType(
        ContentTypeDefinition type,
        IReadOnlyDictionary<string, ContentPartDescriptor> parts,
        Func<string, bool> partModuleEnabled,
        Func<string, bool> taxonomyExists,
        Func<string, bool> typeExists,
        Action<string, string> report)
    {
        if (!TechnicalName().IsMatch(type.Name))
        {
            report("name", $"il nome tecnico '{type.Name}' non è valido: inizia con una lettera maiuscola e usa solo lettere e cifre (es. «Pagina»).");
        }
        else if (parts.ContainsKey(type.Name))
        {
            report("name", $"il nome '{type.Name}' è già il nome di una parte: scegline un altro.");
        }

        if (string.IsNullOrWhiteSpace(type.DisplayName) || type.DisplayName.Length > 100)
        {
            report("displayName", "il nome visualizzato è obbligatorio (al massimo 100 caratteri).");
        }

        var seenParts = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < type.PartNames.Count; i++)
        {
            var part = type.PartNames[i];
            if (!parts.TryGetValue(part, out var descriptor))
            {
                report($"parts[{i}]", $"parte sconosciuta '{part}'. Parti disponibili: {string.Join(", ", parts.Keys.Order(StringComparer.Ordinal))}.");
            }
            else if (!partModuleEnabled(descriptor.ModuleId))
            {
                report($"parts[{i}]", $"la parte '{part}' appartiene al modulo '{descriptor.ModuleId}', che non è attivo nella zona.");
            }

            if (!seenParts.Add(part))
            {
                report($"parts[{i}]", $"la parte '{part}' compare due volte.");
            }
        }

        if (type.EffectiveSettings.RoutePattern is { } pattern)
        {
            if (!type.HasPart(nameof(AutoroutePart)))
            {
                report("settings.routePattern", "un indirizzo pubblico richiede la parte 'AutoroutePart'.");
            }

            if (!RoutePattern().IsMatch(pattern) || pattern.Split('/').Count(s => s == "{slug}") != 1)
            {
                report("settings.routePattern", $"lo schema d'indirizzo '{pattern}' non è valido: usa segmenti di lettere minuscole, cifre e '-', e una volta {{slug}} (es. «{{slug}}» o «servizi/{{slug}}»).");
            }
        }

        var seenFields = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < type.FieldList.Count; i++)
        {
            var field = type.FieldList[i];
            CheckField(field, taxonomyExists, typeExists, (path, message) => report($"fields[{i}]" + (path.Length > 0 ? "." + path : ""), message));
            if (!seenFields.Add(field.Name))
            {
                report($"fields[{i}].name", $"il campo '{field.Name}' compare due volte.");
            }
        }
    }

    public static void CheckField(ContentFieldDefinition field, Func<string, bool> taxonomyExists, Func<string, bool> typeExists, Action<string, string> report)
    {
        if (!TechnicalName().IsMatch(field.Name))
        {
            report("name", $"il nome tecnico del campo '{field.Name}' non è valido: inizia con una lettera maiuscola e usa solo lettere e cifre (es. «Corpo»).");
        }

        if (string.IsNullOrWhiteSpace(field.DisplayName) || field.DisplayName.Length > 100)
        {
            report("displayName", "l'etichetta del campo è obbligatoria (al massimo 100 caratteri).");
        }

        var kind = field.Type;
        void NotFor(string setting, bool applies)
        {
            if (!applies)
            {
                report(setting, $"l'impostazione '{setting}' non si applica ai campi di tipo '{Camel(kind)}'.");
            }
        }

        if (field.Required)
        {
            NotFor("required", kind != ContentFieldKind.Boolean);
        }

        if (field.MaxLength is { } maxLength)
        {
            NotFor("maxLength", kind is ContentFieldKind.Text or ContentFieldKind.Markdown or ContentFieldKind.Link);
            if (maxLength < 1)
            {
                report("maxLength", "la lunghezza massima deve essere almeno 1.");
            }
        }

        if (field.Min is not null)
        {
            NotFor("min", kind == ContentFieldKind.Number);
        }

        if (field.Max is not null)
        {
            NotFor("max", kind == ContentFieldKind.Number);
        }

        if (field.Min is { } min && field.Max is { } max && min > max)
        {
            report("min", "il valore minimo non può superare il massimo.");
        }

        if (field.Multiple)
        {
            NotFor("multiple", FieldRules.IsMultiValued(kind));
        }

        if (field.Taxonomy is { } taxonomy)
        {
            NotFor("taxonomy", kind == ContentFieldKind.Taxonomy);
            if (kind == ContentFieldKind.Taxonomy && !taxonomyExists(taxonomy))
            {
                report("taxonomy", $"la tassonomia '{taxonomy}' non esiste: definiscila prima con il passo 'taxonomies'.");
            }
        }
        else if (kind == ContentFieldKind.Taxonomy)
        {
            report("taxonomy", "un campo di tipo 'taxonomy' deve indicare la tassonomia.");
        }

        if (field.ContentTypes is { } types)
        {
            NotFor("contentTypes", kind == ContentFieldKind.ContentPicker);
            for (var i = 0; i < types.Count; i++)
            {
                if (kind == ContentFieldKind.ContentPicker && !typeExists(types[i]))
                {
                    report($"contentTypes[{i}]", $"il tipo di contenuto '{types[i]}' non esiste.");
                }
            }
        }

        if (field.AllowedExtensions is { } extensions)
        {
            NotFor("allowedExtensions", kind == ContentFieldKind.Media);
            for (var i = 0; i < extensions.Count; i++)
            {
                if (!extensions[i].StartsWith('.') || !FieldRules.SafeContentTypes.ContainsKey(extensions[i]) || !string.Equals(extensions[i], extensions[i].ToLowerInvariant(), StringComparison.Ordinal))
                {
                    report($"allowedExtensions[{i}]", $"l'estensione '{extensions[i]}' non è ammessa. Estensioni possibili: {string.Join(", ", FieldRules.SafeContentTypes.Keys)}.");
                }
            }
        }

        if (field.MaxSizeKb is { } size)
        {
            NotFor("maxSizeKb", kind == ContentFieldKind.Media);
            if (size is < 1 or > FieldRules.HardMaxSizeKb)
            {
                report("maxSizeKb", $"la dimensione massima va da 1 a {FieldRules.HardMaxSizeKb} KB.");
            }
        }
    }

    public static void CheckTaxonomy(TaxonomyDefinition taxonomy, Action<string, string> report)
    {
        if (!TechnicalName().IsMatch(taxonomy.Name))
        {
            report("name", $"il nome tecnico '{taxonomy.Name}' non è valido: inizia con una lettera maiuscola e usa solo lettere e cifre (es. «AreeIntervento»).");
        }

        if (string.IsNullOrWhiteSpace(taxonomy.DisplayName))
        {
            report("displayName", "il nome visualizzato è obbligatorio.");
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < taxonomy.Terms.Count; i++)
        {
            var term = taxonomy.Terms[i];
            if (!TermId().IsMatch(term.Id))
            {
                report($"terms[{i}].id", $"l'identificativo '{term.Id}' non è valido: usa lettere minuscole, cifre e '-'.");
            }
            else if (!ids.Add(term.Id))
            {
                report($"terms[{i}].id", $"l'identificativo '{term.Id}' compare due volte.");
            }

            if (string.IsNullOrWhiteSpace(term.Name))
            {
                report($"terms[{i}].name", "il nome del termine è obbligatorio.");
            }
        }
    }

    public static string Camel(ContentFieldKind kind) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(kind.ToString());

    [GeneratedRegex("^[A-Z][A-Za-z0-9]{0,63}$")]
    public static partial Regex TechnicalName();

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    public static partial Regex TermId();

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    public static partial Regex Slug();

    [GeneratedRegex("^([a-z0-9]+(-[a-z0-9]+)*|\\{slug\\})(/([a-z0-9]+(-[a-z0-9]+)*|\\{slug\\}))*$")]
    private static partial Regex RoutePattern();
}
