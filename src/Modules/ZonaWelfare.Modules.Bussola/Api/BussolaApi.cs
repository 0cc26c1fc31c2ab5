using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using ZonaWelfare.Abstractions.Caching;
using ZonaWelfare.Abstractions.Routing;
using ZonaWelfare.Abstractions.Settings;
using ZonaWelfare.Abstractions.Zones;

namespace ZonaWelfare.Modules.Bussola.Api;

/// <summary>
/// The Bussola's public, read-only API in the manner of Open Referral HSDS 3.0, at <c>/api/{zone}/…</c>
/// (the zone resolver hands it to the zone as <c>/api/…</c>): services, organizations, taxonomies, the
/// catalogue as CSV and the OpenAPI document. Anonymous GET/HEAD from any origin, output-cached per
/// zone and evicted on publish like the public pages; only published items of the zone's own data.
/// </summary>
internal static class BussolaApi
{
    public const string DocumentName = "bussola";

    public const string TagServices = "Servizi";
    public const string TagOrganizations = "Enti";
    public const string TagTaxonomies = "Tassonomie";
    public const string TagInfo = "API";

    /// <summary>Italian text as it is, not as \u escapes; names come from the records' attributes.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        // JSON served as application/json, never inlined in HTML: only what JSON itself needs is escaped.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void MapBussolaApi(this IEndpointRouteBuilder zone)
    {
        var api = zone.MapGroup("/api")
            .WithGroupName(DocumentName)
            .RequireCors(PublicApi.CorsPolicyName)
            .CacheOutput(ZoneOutputCache.PolicyName);

        Get(api, "", Info, "getApiInfo", TagInfo, "Informazioni sull'API", "La versione HSDS seguita, l'indirizzo del documento OpenAPI e chi pubblica i dati.")
            .Produces<ApiInfo>();

        Get(api, "/services", ListServices, "getPaginatedListOfServices", TagServices, "Cerca i servizi",
                "I servizi pubblicati della zona, una pagina alla volta, con ricerca testuale e filtri per tassonomia, comune, ente e data di modifica.",
                ApiParameter.ServiceList)
            .Produces<Page<ServiceSummary>>()
            .ProducesValidationProblem();

        Get(api, "/services/{id}", GetService, "getFullyNestedServiceById", TagServices, "Un servizio completo",
                "Il servizio con il suo ente, le sedi (indirizzo, coordinate, orari, accessibilità), i contatti, i costi, le lingue, i termini di tassonomia e le sezioni della scheda Designers Italia.",
                [], "L'id del servizio (es. srv-gr-assistenza-domiciliare).")
            .Produces<ServiceRecord>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        Get(api, "/services.csv", ServicesCsv, "getServicesCsv", TagServices, "Il catalogo in CSV",
                "Tutti i servizi pubblicati, una riga per servizio: UTF-8 con BOM, separatore «;», valori multipli separati da « | ». Si apre direttamente in Excel.")
            .Produces<string>(StatusCodes.Status200OK, "text/csv")
            .ProducesValidationProblem();

        Get(api, "/organizations", ListOrganizations, "getPaginatedListOfOrganizations", TagOrganizations, "Gli enti",
                "Gli enti pubblicati della zona (Comuni, ASL, Società della Salute, enti del Terzo settore), per nome.",
                ApiParameter.SimpleList)
            .Produces<Page<OrganizationRecord>>()
            .ProducesValidationProblem();

        Get(api, "/organizations/{id}", GetOrganization, "getOrganizationById", TagOrganizations, "Un ente con i suoi servizi",
                "L'ente con i servizi pubblicati che offre.", [], "L'id dell'ente (es. org-gr-coeso).")
            .Produces<OrganizationDetail>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        Get(api, "/taxonomies", ListTaxonomies, "getPaginatedListOfTaxonomies", TagTaxonomies, "Le tassonomie",
                "Le tassonomie dei servizi: area, target (destinatari) e access_mode (modalità di accesso).", ApiParameter.SimpleList)
            .Produces<Page<TaxonomyRecord>>()
            .ProducesValidationProblem();

        Get(api, "/taxonomies/{id}", GetTaxonomy, "getTaxonomyById", TagTaxonomies, "Una tassonomia", "Una tassonomia per id.", [], "area, target o access_mode.")
            .Produces<TaxonomyRecord>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        Get(api, "/taxonomy_terms", ListTerms, "getPaginatedListOfTaxonomyTerms", TagTaxonomies, "I termini in uso",
                "I termini delle tassonomie usati dai servizi pubblicati, con quanti servizi li usano; l'id di un termine è il valore di taxonomy_term_id in /services.",
                ApiParameter.TermList)
            .Produces<Page<TaxonomyTermRecord>>()
            .ProducesValidationProblem();

        Get(api, "/taxonomy_terms/{id}", GetTerm, "getTaxonomyTermById", TagTaxonomies, "Un termine", "Un termine di tassonomia per id.", [], "L'id del termine (es. area:anziani).")
            .Produces<TaxonomyTermRecord>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapMethods("/openapi.json", [HttpMethods.Get, HttpMethods.Head], BussolaOpenApi.ServeAsync).ExcludeFromDescription();
    }

    private static RouteHandlerBuilder Get(RouteGroupBuilder api, string pattern, Delegate handler, string operationId, string tag, string summary, string description, IReadOnlyList<ApiParameter>? parameters = null, string? idDescription = null) =>
        api.MapMethods(pattern, [HttpMethods.Get, HttpMethods.Head], handler)
            .WithName(operationId)
            .WithTags(tag)
            .WithSummary(summary)
            .WithDescription(description)
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                BussolaOpenApi.DescribeParameters(operation, parameters ?? [], idDescription);
                return Task.CompletedTask;
            });

    private static async Task<IResult> Info(HttpContext http, IZoneContext zone, IZoneSettingsStore settings, CancellationToken cancellationToken)
    {
        var links = Links(http, zone);
        var query = ApiQuery.Read(http.Request, []);
        if (!query.IsValid)
        {
            return query.Problem();
        }

        var site = await settings.GetAsync<SiteSettings>(SiteSettings.SectionName, cancellationToken);
        return TypedResults.Json(
            new ApiInfo
            {
                Version = "3.0",
                OpenApiUrl = links.ApiBase + "/openapi.json",
                Description = $"Bussola dei servizi di {zone.Current.DisplayName}: i servizi sociali e sanitari della zona, i loro enti e sedi, nel formato Open Referral HSDS 3.0 con le sezioni della scheda servizio di Designers Italia.",
                Publisher = new Publisher { Name = site.Organization ?? zone.Current.DisplayName, Email = site.Email, Website = site.Website },
            },
            Json);
    }

    private static async Task<IResult> ListServices(HttpContext http, IZoneContext zone, ServiceCatalogue catalogue, CancellationToken cancellationToken)
    {
        var query = ApiQuery.Read(http.Request, ApiParameter.ServiceList);
        var request = await ServiceFilters.ReadAsync(query, zone.Current, catalogue, cancellationToken);
        if (!query.IsValid || request is null)
        {
            return query.Problem();
        }

        var page = await catalogue.ListServicesAsync(request, Links(http, zone), cancellationToken);
        PageLinks.Add(http, page, Links(http, zone));
        return TypedResults.Json(page, Json);
    }

    private static async Task<IResult> GetService(string id, HttpContext http, IZoneContext zone, ServiceCatalogue catalogue, CancellationToken cancellationToken)
    {
        var query = ApiQuery.Read(http.Request, []);
        if (!query.IsValid)
        {
            return query.Problem();
        }

        return await catalogue.GetServiceAsync(id, Links(http, zone), cancellationToken) is { } service
            ? TypedResults.Json(service, Json)
            : NotFound($"Nessun servizio pubblicato con id «{id}» in questa zona.");
    }

    private static async Task<IResult> ServicesCsv(HttpContext http, IZoneContext zone, ServiceCatalogue catalogue, CancellationToken cancellationToken)
    {
        var query = ApiQuery.Read(http.Request, []);
        if (!query.IsValid)
        {
            return query.Problem();
        }

        var csv = await CatalogueCsv.WriteAsync(await catalogue.AllServicesAsync(cancellationToken), Links(http, zone), cancellationToken);
        return TypedResults.File(csv, CatalogueCsv.ContentType, $"servizi-{zone.Current.Slug}.csv");
    }

    private static async Task<IResult> ListOrganizations(HttpContext http, IZoneContext zone, ServiceCatalogue catalogue, CancellationToken cancellationToken)
    {
        var query = ApiQuery.Read(http.Request, ApiParameter.SimpleList);
        var text = query.Text(ApiParameter.NameSearch);
        var pageNumber = query.Integer(ApiParameter.PageNumber);
        var perPage = query.Integer(ApiParameter.PerPage);
        if (!query.IsValid)
        {
            return query.Problem();
        }

        var page = await catalogue.ListOrganizationsAsync(text, pageNumber, perPage, cancellationToken);
        PageLinks.Add(http, page, Links(http, zone));
        return TypedResults.Json(page, Json);
    }

    private static async Task<IResult> GetOrganization(string id, HttpContext http, IZoneContext zone, ServiceCatalogue catalogue, CancellationToken cancellationToken)
    {
        var query = ApiQuery.Read(http.Request, []);
        if (!query.IsValid)
        {
            return query.Problem();
        }

        return await catalogue.GetOrganizationAsync(id, Links(http, zone), cancellationToken) is { } organization
            ? TypedResults.Json(organization, Json)
            : NotFound($"Nessun ente pubblicato con id «{id}» in questa zona.");
    }

    private static async Task<IResult> ListTaxonomies(HttpContext http, IZoneContext zone, ServiceCatalogue catalogue, CancellationToken cancellationToken)
    {
        var query = ApiQuery.Read(http.Request, ApiParameter.SimpleList);
        var text = query.Text(ApiParameter.NameSearch);
        var pageNumber = query.Integer(ApiParameter.PageNumber);
        var perPage = query.Integer(ApiParameter.PerPage);
        if (!query.IsValid)
        {
            return query.Problem();
        }

        var terms = await catalogue.TaxonomiesAsync(cancellationToken);
        var all = TaxonomyDefinition.All
            .Where(t => text is null || TextMatch.Contains(text, t.Id, t.Name, t.Description))
            .Select(t => Taxonomy(t, terms))
            .ToList();
        var page = Page.Of<TaxonomyRecord>(all.Skip((pageNumber - 1) * perPage).Take(perPage).ToList(), all.Count, pageNumber, perPage);
        PageLinks.Add(http, page, Links(http, zone));
        return TypedResults.Json(page, Json);
    }

    private static async Task<IResult> GetTaxonomy(string id, HttpContext http, ServiceCatalogue catalogue, CancellationToken cancellationToken)
    {
        var query = ApiQuery.Read(http.Request, []);
        if (!query.IsValid)
        {
            return query.Problem();
        }

        return TaxonomyDefinition.Find(id) is { } taxonomy
            ? TypedResults.Json(Taxonomy(taxonomy, await catalogue.TaxonomiesAsync(cancellationToken)), Json)
            : NotFound($"Nessuna tassonomia con id «{id}». Le tassonomie sono: {string.Join(", ", TaxonomyDefinition.All.Select(t => t.Id))}.");
    }

    private static async Task<IResult> ListTerms(HttpContext http, IZoneContext zone, ServiceCatalogue catalogue, CancellationToken cancellationToken)
    {
        var query = ApiQuery.Read(http.Request, ApiParameter.TermList);
        var text = query.Text(ApiParameter.NameSearch);
        var pageNumber = query.Integer(ApiParameter.PageNumber);
        var perPage = query.Integer(ApiParameter.PerPage);
        var taxonomyId = query.Text(ApiParameter.TaxonomyId);
        var taxonomy = taxonomyId is null ? null : TaxonomyDefinition.Find(taxonomyId);
        if (taxonomyId is not null && taxonomy is null)
        {
            query.AddError(ApiParameter.TaxonomyId.Name, ServiceFilters.UnknownTaxonomy(taxonomyId));
        }

        if (!query.IsValid)
        {
            return query.Problem();
        }

        var terms = (await catalogue.TaxonomiesAsync(cancellationToken)).Terms
            .Where(t => taxonomy is null || t.Taxonomy == taxonomy)
            .Where(t => text is null || TextMatch.Contains(text, t.Name, t.Code))
            .Select(t => t.ToRecord())
            .ToList();
        var page = Page.Of<TaxonomyTermRecord>(terms.Skip((pageNumber - 1) * perPage).Take(perPage).ToList(), terms.Count, pageNumber, perPage);
        PageLinks.Add(http, page, Links(http, zone));
        return TypedResults.Json(page, Json);
    }

    private static async Task<IResult> GetTerm(string id, HttpContext http, ServiceCatalogue catalogue, CancellationToken cancellationToken)
    {
        var query = ApiQuery.Read(http.Request, []);
        if (!query.IsValid)
        {
            return query.Problem();
        }

        return (await catalogue.TaxonomiesAsync(cancellationToken)).Find(id) is { } term
            ? TypedResults.Json(term.ToRecord(), Json)
            : NotFound($"Nessun termine con id «{id}» è usato dai servizi pubblicati di questa zona.");
    }

    private static TaxonomyRecord Taxonomy(TaxonomyDefinition taxonomy, TaxonomyCatalogue terms) => new()
    {
        Id = taxonomy.Id,
        Name = taxonomy.Name,
        Description = taxonomy.Description,
        TermCount = terms.Of(taxonomy).Count(),
    };

    private static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status404NotFound, title: "Risorsa non trovata");

    private static ApiLinks Links(HttpContext http, IZoneContext zone) => new(http.Request, zone.Current);
}
