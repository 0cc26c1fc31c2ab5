using System.Globalization;
using System.Text;
using ZonaWelfare.Abstractions.Search;

namespace ZonaWelfare.Modules.Bussola.Api;

/// <summary>A taxonomy of the API and the search keyword field its terms come from.</summary>
internal sealed record TaxonomyDefinition(string Id, string SearchField, string Name, string Description)
{
    public static readonly TaxonomyDefinition Area = new("area", "area", "Area di intervento", "L'area sociale o sanitaria del servizio, es. anziani, disabilità, salute mentale.");
    public static readonly TaxonomyDefinition Target = new("target", "target", "Destinatari", "Le persone a cui il servizio si rivolge, es. famiglie, caregiver, giovani.");
    public static readonly TaxonomyDefinition AccessMode = new("access_mode", "accessMode", "Modalità di accesso", "Come si accede al servizio, es. accesso diretto, su appuntamento, tramite assistente sociale.");

    public static readonly IReadOnlyList<TaxonomyDefinition> All = [Area, Target, AccessMode];

    public static TaxonomyDefinition? Find(string id) => All.FirstOrDefault(t => t.Id == id);
}

/// <summary>One term: its id and code, the name shown, the exact values it stands for, and how many services use it.</summary>
internal sealed record TaxonomyTerm(TaxonomyDefinition Taxonomy, string Code, string Name, IReadOnlyList<string> Values, int ServiceCount)
{
    public string Id => Taxonomy.Id + ":" + Code;

    public TaxonomyTermRecord ToRecord() => new()
    {
        Id = Id,
        Code = Code,
        Name = Name,
        TaxonomyId = Taxonomy.Id,
        Taxonomy = Taxonomy.Name,
        ServiceCount = ServiceCount,
    };
}

/// <summary>
/// The terms the zone's published services use, read from the search facets. Service parts hold their
/// area, targets and access mode as words, so a term's code is the word as a slug: values that differ
/// only in case or accents ("disabilità", "Disabilita") are one term, named by its commonest spelling.
/// </summary>
internal sealed class TaxonomyCatalogue
{
    private readonly Dictionary<string, TaxonomyTerm> _byId;

    private TaxonomyCatalogue(IReadOnlyList<TaxonomyTerm> terms, IReadOnlyList<string> comuni)
    {
        Terms = terms;
        Comuni = comuni;
        _byId = terms.ToDictionary(t => t.Id, StringComparer.Ordinal);
    }

    /// <summary>Every term, by taxonomy then name.</summary>
    public IReadOnlyList<TaxonomyTerm> Terms { get; }

    /// <summary>The comuni where published services have a location.</summary>
    public IReadOnlyList<string> Comuni { get; }

    public static async Task<TaxonomyCatalogue> LoadAsync(ISearchService search, IReadOnlyList<string> serviceTypes, CancellationToken cancellationToken)
    {
        var facets = TaxonomyDefinition.All.Select(t => t.SearchField).Append(ComuneField).ToList();
        var results = await search.SearchAsync(new SearchQuery { Types = serviceTypes, Facets = facets, PageSize = 1 }, cancellationToken);
        var culture = CultureInfo.GetCultureInfo("it-IT");
        var terms = new List<TaxonomyTerm>();
        foreach (var taxonomy in TaxonomyDefinition.All)
        {
            var values = results.Facets.TryGetValue(taxonomy.SearchField, out var found) ? found : [];
            terms.AddRange(values
                .GroupBy(v => Slug(v.Value), StringComparer.Ordinal)
                .Select(g => new TaxonomyTerm(taxonomy, g.Key, g.OrderByDescending(v => v.Count).First().Value, g.Select(v => v.Value).ToList(), g.Sum(v => v.Count)))
                .OrderBy(t => t.Name, StringComparer.Create(culture, ignoreCase: true)));
        }

        var comuni = results.Facets.TryGetValue(ComuneField, out var comuneValues) ? comuneValues.Select(c => c.Value).ToList() : [];
        return new TaxonomyCatalogue(terms, comuni);
    }

    private const string ComuneField = "comune";

    public TaxonomyTerm? Find(string termId) => _byId.GetValueOrDefault(termId);

    /// <summary>The term of <paramref name="taxonomy"/> whose name or values match <paramref name="name"/> ignoring case and accents.</summary>
    public TaxonomyTerm? FindByName(TaxonomyDefinition taxonomy, string name) =>
        _byId.GetValueOrDefault(taxonomy.Id + ":" + Slug(name));

    /// <summary>The term a service's value belongs to.</summary>
    public TaxonomyTerm? ForValue(TaxonomyDefinition taxonomy, string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : FindByName(taxonomy, value);

    public IEnumerable<TaxonomyTerm> Of(TaxonomyDefinition taxonomy) => Terms.Where(t => t.Taxonomy == taxonomy);

    /// <summary>Lower-case ASCII letters and digits joined by hyphens: "Persone con disabilità" → "persone-con-disabilita".</summary>
    public static string Slug(string value)
    {
        var text = new StringBuilder(value.Length);
        var hyphen = false;
        foreach (var c in value.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsAsciiLetterOrDigit(c))
            {
                if (hyphen && text.Length > 0)
                {
                    text.Append('-');
                }

                text.Append(char.ToLowerInvariant(c));
                hyphen = false;
            }
            else
            {
                hyphen = true;
            }
        }

        // A value with no ASCII letter or digit still needs a stable, distinct code.
        return text.Length > 0 ? text.ToString() : "x" + Convert.ToHexStringLower(Encoding.UTF8.GetBytes(value.Trim()));
    }
}
