using ZonaWelfare.Abstractions.Zones;

namespace ZonaWelfare.Modules.Bussola.Api;

/// <summary>
/// Turns the query of <c>/services</c> into a search: taxonomy terms (by id or by name), comuni and the
/// organization become keyword filters, each checked against what the zone has so a typo is a 400 that
/// says which values exist rather than an empty list.
/// </summary>
internal static class ServiceFilters
{
    public static string UnknownTaxonomy(string id) =>
        $"Il parametro «{ApiParameter.TaxonomyId.Name}» indica una tassonomia sconosciuta, «{id}». Le tassonomie sono: {string.Join(", ", TaxonomyDefinition.All.Select(t => t.Id))}.";

    /// <summary>The search the query asks for; null (with the problems recorded in <paramref name="query"/>) when a parameter is wrong.</summary>
    public static async Task<ServiceListRequest?> ReadAsync(ApiQuery query, ZoneDescriptor zone, ServiceCatalogue catalogue, CancellationToken cancellationToken)
    {
        var text = query.Text(ApiParameter.Search);
        var page = query.Integer(ApiParameter.PageNumber);
        var perPage = query.Integer(ApiParameter.PerPage);
        var modifiedAfter = query.DateTime(ApiParameter.ModifiedAfter);
        var termIds = query.Values(ApiParameter.TaxonomyTermId, commaSeparated: true);
        var taxonomyId = query.Text(ApiParameter.TaxonomyId);
        var organizationId = query.Text(ApiParameter.OrganizationId);
        var comuni = query.Values(ApiParameter.Comune);
        var byName = new (ApiParameter Parameter, TaxonomyDefinition Taxonomy, IReadOnlyList<string> Names)[]
        {
            (ApiParameter.Area, TaxonomyDefinition.Area, query.Values(ApiParameter.Area)),
            (ApiParameter.Target, TaxonomyDefinition.Target, query.Values(ApiParameter.Target)),
            (ApiParameter.AccessMode, TaxonomyDefinition.AccessMode, query.Values(ApiParameter.AccessMode)),
        };

        var filters = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        void Add(string field, IEnumerable<string> values)
        {
            if (!filters.TryGetValue(field, out var set))
            {
                filters[field] = set = new HashSet<string>(StringComparer.Ordinal);
            }

            set.UnionWith(values);
        }

        var needsTerms = termIds.Count > 0 || taxonomyId is not null || comuni.Count > 0 || byName.Any(b => b.Names.Count > 0);
        var taxonomies = needsTerms ? await catalogue.TaxonomiesAsync(cancellationToken) : null;
        foreach (var termId in termIds)
        {
            if (taxonomies!.Find(termId) is { } term)
            {
                Add(term.Taxonomy.SearchField, term.Values);
            }
            else
            {
                query.AddError(ApiParameter.TaxonomyTermId.Name, $"Il parametro «{ApiParameter.TaxonomyTermId.Name}» indica un termine sconosciuto, «{termId}». Gli id dei termini usati dai servizi sono elencati in /taxonomy_terms (es. «area:anziani»).");
            }
        }

        foreach (var (parameter, taxonomy, names) in byName)
        {
            foreach (var name in names)
            {
                if (taxonomies!.FindByName(taxonomy, name) is { } term)
                {
                    Add(taxonomy.SearchField, term.Values);
                }
                else
                {
                    query.AddError(parameter.Name, $"«{name}» non è tra i valori di «{parameter.Name}» usati dai servizi della zona: {string.Join(", ", taxonomies.Of(taxonomy).Select(t => t.Name))}.");
                }
            }
        }

        var matchesNothing = false;
        if (taxonomyId is not null)
        {
            if (TaxonomyDefinition.Find(taxonomyId) is not { } taxonomy)
            {
                query.AddError(ApiParameter.TaxonomyId.Name, UnknownTaxonomy(taxonomyId));
            }
            else if (!filters.ContainsKey(taxonomy.SearchField))
            {
                // Services with any term of the taxonomy; with no term in use, none.
                var values = taxonomies!.Of(taxonomy).SelectMany(t => t.Values).ToList();
                matchesNothing = values.Count == 0;
                Add(taxonomy.SearchField, values);
            }
        }

        foreach (var comune in comuni)
        {
            // The spelling the services use wins; a comune of the zone that no service uses finds nothing.
            var slug = TaxonomyCatalogue.Slug(comune);
            var known = taxonomies!.Comuni.Concat(zone.Comuni).Where(c => TaxonomyCatalogue.Slug(c) == slug).ToList();
            if (known.Count > 0)
            {
                Add("comune", known);
            }
            else
            {
                query.AddError(ApiParameter.Comune.Name, $"Il parametro «{ApiParameter.Comune.Name}» indica «{comune}», che non è un comune della zona. I comuni sono: {string.Join(", ", zone.Comuni.Union(taxonomies.Comuni, StringComparer.Ordinal))}.");
            }
        }

        if (organizationId is not null)
        {
            if (await catalogue.OrganizationExistsAsync(organizationId, cancellationToken))
            {
                Add(ServiceCatalogue.OrganizationField, [organizationId]);
            }
            else
            {
                query.AddError(ApiParameter.OrganizationId.Name, $"Il parametro «{ApiParameter.OrganizationId.Name}» indica un ente che non è pubblicato in questa zona, «{organizationId}» (vedi /organizations).");
            }
        }

        return query.IsValid
            ? new ServiceListRequest(text, filters.ToDictionary(f => f.Key, f => (IReadOnlyList<string>)f.Value.ToList(), StringComparer.Ordinal), modifiedAfter, page, perPage, matchesNothing)
            : null;
    }
}
