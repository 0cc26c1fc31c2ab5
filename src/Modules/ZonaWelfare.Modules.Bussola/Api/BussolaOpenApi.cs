using System.Text;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using ZonaWelfare.Abstractions.Settings;
using ZonaWelfare.Abstractions.Zones;

namespace ZonaWelfare.Modules.Bussola.Api;

/// <summary>
/// The OpenAPI 3.1 document of the Bussola API. It is generated from the endpoints themselves (their
/// records, problems and the same parameter definitions that check requests) and served per zone at
/// <c>/api/{zone}/openapi.json</c>, with the zone's own server address and publisher.
/// </summary>
internal static class BussolaOpenApi
{
    private const string Description = """
        I servizi sociali e sanitari della zona, con i loro enti e sedi, nel formato [Open Referral HSDS 3.0](https://docs.openreferral.org/en/latest/hsds/)
        con le sezioni della scheda servizio di [Designers Italia](https://designers.italia.it/) (oggetto `designers_italia`).

        - **Solo lettura, senza autenticazione.** Si possono chiamare da qualunque origine (CORS: GET, HEAD, OPTIONS).
        - **Pagine** nel formato HSDS: `total_items`, `total_pages`, `page_number`, `size`, `first_page`, `last_page`, `empty`, `contents`;
          parametri `page` (da 1) e `per_page` (da 1 a 100, predefinito 20); l'intestazione `Link` porta a first, prev, next e last.
        - **Filtri**: `search` (ricerca in italiano con sinonimi), `taxonomy_term_id` (vedi `/taxonomy_terms`), `taxonomy_id`, `area`, `target`,
          `access_mode`, `comune`, `organization_id`, `modified_after`. Valori della stessa tassonomia in OR, filtri diversi in AND.
        - **Errori** in `application/problem+json` (RFC 9457): un parametro sconosciuto o non valido è un 400 che lo nomina in `errors`;
          un id inesistente in questa zona è un 404.
        - **Dati**: solo i contenuti pubblicati della zona; le risposte sono in cache e si aggiornano quando un contenuto è pubblicato o ritirato.
        - **CSV**: `/services.csv`, tutto il catalogo in una tabella (UTF-8 con BOM, separatore `;`).
        """;

    public static void Configure(OpenApiOptions options)
    {
        options.ShouldInclude = description => description.GroupName == BussolaApi.DocumentName;
        options.CreateSchemaReferenceId = SchemaId;
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo { Title = "Bussola dei servizi", Version = "1.0", Description = Description };
            document.Tags = new HashSet<OpenApiTag>
            {
                new() { Name = BussolaApi.TagServices, Description = "I servizi pubblicati: ricerca, scheda completa, CSV." },
                new() { Name = BussolaApi.TagOrganizations, Description = "Gli enti che offrono i servizi." },
                new() { Name = BussolaApi.TagTaxonomies, Description = "Area, destinatari e modalità di accesso dei servizi." },
                new() { Name = BussolaApi.TagInfo, Description = "L'API stessa." },
            };

            // Endpoints answer at /api/… inside the zone; clients call them under the zone's server URL.
            var paths = new OpenApiPaths();
            foreach (var (path, item) in document.Paths.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                // HEAD is served with every GET; listing it twice would only double the operations.
                item.Operations?.Remove(HttpMethod.Head);
                paths[path is "/api" or "/api/" ? "/" : path["/api".Length..]] = item;
            }

            document.Paths = paths;
            return Task.CompletedTask;
        });
    }

    /// <summary>Documents an operation's query parameters from the definitions that check them, and its <c>id</c>.</summary>
    public static void DescribeParameters(OpenApiOperation operation, IReadOnlyList<ApiParameter> parameters, string? idDescription)
    {
        operation.Parameters ??= [];
        if (idDescription is not null && operation.Parameters.OfType<OpenApiParameter>().FirstOrDefault(p => p.Name == "id") is { } id)
        {
            id.Description = idDescription;
        }

        foreach (var parameter in parameters)
        {
            var schema = parameter.Type switch
            {
                ApiParameterType.Integer => new OpenApiSchema
                {
                    Type = JsonSchemaType.Integer,
                    Format = "int32",
                    Minimum = parameter.Minimum.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    Maximum = parameter.Maximum.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    Default = parameter.Default is { } value ? JsonValue.Create(value) : null,
                },
                ApiParameterType.DateTime => new OpenApiSchema { Type = JsonSchemaType.String, Format = "date-time" },
                _ => new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = ApiParameter.MaxTextLength },
            };
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = parameter.Name,
                In = ParameterLocation.Query,
                Description = parameter.Description,
                Required = false,
                Schema = parameter.Repeatable ? new OpenApiSchema { Type = JsonSchemaType.Array, Items = schema, MaxItems = 20 } : schema,
                Style = ParameterStyle.Form,
                Explode = true,
                Example = parameter.Example is { } example ? JsonValue.Create(example) : null,
            });
        }
    }

    /// <summary>The document for the current zone: its server address, title and publisher.</summary>
    public static async Task<IResult> ServeAsync(HttpContext http, IZoneContext zone, IZoneSettingsStore settings, CancellationToken cancellationToken)
    {
        var query = ApiQuery.Read(http.Request, []);
        if (!query.IsValid)
        {
            return query.Problem();
        }

        var current = zone.Current;
        var links = new ApiLinks(http.Request, current);
        var document = await http.RequestServices.GetRequiredKeyedService<IOpenApiDocumentProvider>(BussolaApi.DocumentName).GetOpenApiDocumentAsync(cancellationToken);
        var site = await settings.GetAsync<SiteSettings>(SiteSettings.SectionName, cancellationToken);
        document.Info.Title = "Bussola dei servizi – " + current.DisplayName;
        document.Info.Contact = new OpenApiContact
        {
            Name = site.Organization ?? current.DisplayName,
            Email = site.Email,
            Url = Uri.TryCreate(site.Website, UriKind.Absolute, out var website) ? website : null,
        };
        document.Servers = [new OpenApiServer { Url = links.ApiBase, Description = "API della zona " + current.DisplayName }];
        var json = await document.SerializeAsJsonAsync(OpenApiSpecVersion.OpenApi3_1, cancellationToken);
        return TypedResults.Text(json, "application/json", Encoding.UTF8);
    }

    /// <summary>HSDS-style snake_case schema names for the API's records (<c>service</c>, <c>page_of_service_summary</c>); the framework's for the rest.</summary>
    private static string? SchemaId(JsonTypeInfo type)
    {
        var id = OpenApiOptions.CreateDefaultSchemaReferenceId(type);
        return id is null || type.Type.Namespace != typeof(BussolaOpenApi).Namespace ? id : Name(type.Type);

        static string Name(Type type) => type.IsGenericType
            ? Snake(type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)]) + "_of_" + string.Join("_", type.GetGenericArguments().Select(Name))
            : Snake(type.Name.EndsWith("Record", StringComparison.Ordinal) ? type.Name[..^"Record".Length] : type.Name);
    }

    private static string Snake(string name)
    {
        var text = new StringBuilder();
        foreach (var c in name)
        {
            if (char.IsUpper(c) && text.Length > 0)
            {
                text.Append('_');
            }

            text.Append(char.ToLowerInvariant(c));
        }

        return text.ToString();
    }
}
