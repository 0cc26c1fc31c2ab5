using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Primitives;

namespace ZonaWelfare.Modules.Bussola.Api;

/// <summary>The JSON type of a query parameter.</summary>
internal enum ApiParameterType
{
    String,
    Integer,
    DateTime,
}

/// <summary>
/// A query parameter of the public API. The same definition documents it in the OpenAPI document and
/// checks it on every request, so the two cannot drift apart.
/// </summary>
internal sealed record ApiParameter(string Name, ApiParameterType Type, string Description, bool Repeatable = false, int Minimum = 0, int Maximum = 0, int? Default = null, string? Example = null)
{
    public const int MaxTextLength = 200;

    public static readonly ApiParameter Search = new("search", ApiParameterType.String,
        "Parole da cercare nel titolo, nella descrizione, nelle parole chiave e nei testi del servizio (analisi italiana, sinonimi e tolleranza agli errori di battitura). I risultati sono ordinati per pertinenza; senza parole, per id.",
        Example: "anziani");

    public static readonly ApiParameter NameSearch = new("search", ApiParameterType.String,
        "Parole che devono comparire tutte nel nome o nella descrizione (maiuscole e accenti non contano).");

    public static readonly ApiParameter PageNumber = new("page", ApiParameterType.Integer, "Numero della pagina, da 1.", Minimum: 1, Maximum: 10_000, Default: 1);

    public static readonly ApiParameter PerPage = new("per_page", ApiParameterType.Integer, "Quanti elementi per pagina, da 1 a 100.", Minimum: 1, Maximum: 100, Default: 20);

    public static readonly ApiParameter TaxonomyTermId = new("taxonomy_term_id", ApiParameterType.String,
        "Id di un termine di tassonomia (vedi /taxonomy_terms), es. «area:anziani». Si può ripetere o separare con virgole: termini della stessa tassonomia si combinano in OR, di tassonomie diverse in AND. Un termine sconosciuto è un errore 400.",
        Repeatable: true, Example: "area:anziani");

    public static readonly ApiParameter TaxonomyId = new("taxonomy_id", ApiParameterType.String,
        "Solo i servizi che hanno almeno un termine di questa tassonomia: area, target o access_mode.", Example: "target");

    public static readonly ApiParameter OrganizationId = new("organization_id", ApiParameterType.String, "Solo i servizi dell'ente con questo id (vedi /organizations).");

    public static readonly ApiParameter Comune = new("comune", ApiParameterType.String,
        "Solo i servizi con almeno una sede in questo comune della zona (maiuscole e accenti non contano). Si può ripetere: i comuni si combinano in OR.",
        Repeatable: true, Example: "Roccastrada");

    public static readonly ApiParameter Area = new("area", ApiParameterType.String,
        "Solo i servizi di quest'area, per nome (es. «anziani»): come taxonomy_term_id con la tassonomia «area». Si può ripetere.", Repeatable: true);

    public static readonly ApiParameter Target = new("target", ApiParameterType.String,
        "Solo i servizi rivolti a queste persone, per nome (es. «caregiver»): come taxonomy_term_id con la tassonomia «target». Si può ripetere.", Repeatable: true);

    public static readonly ApiParameter AccessMode = new("access_mode", ApiParameterType.String,
        "Solo i servizi con questa modalità di accesso, per nome (es. «accesso diretto»): come taxonomy_term_id con la tassonomia «access_mode». Si può ripetere.", Repeatable: true);

    public static readonly ApiParameter ModifiedAfter = new("modified_after", ApiParameterType.DateTime,
        "Solo i servizi modificati in questo istante o dopo, in ISO 8601: una data (2026-01-31, mezzanotte UTC) o data e ora con fuso (2026-01-31T08:00:00Z, 2026-01-31T09:00:00%2B01:00). Senza fuso si intende UTC.",
        Example: "2026-01-01T00:00:00Z");

    /// <summary>Parameters of the paged lists.</summary>
    public static readonly ApiParameter[] Paging = [PageNumber, PerPage];

    /// <summary>Parameters of <c>/services</c>.</summary>
    public static readonly ApiParameter[] ServiceList = [Search, PageNumber, PerPage, TaxonomyTermId, TaxonomyId, OrganizationId, Comune, Area, Target, AccessMode, ModifiedAfter];

    /// <summary>Parameters of <c>/organizations</c> and <c>/taxonomies</c>.</summary>
    public static readonly ApiParameter[] SimpleList = [NameSearch, PageNumber, PerPage];

    /// <summary>Parameters of <c>/taxonomy_terms</c>.</summary>
    public static readonly ApiParameter[] TermList = [NameSearch, PageNumber, PerPage, TaxonomyId];
}

/// <summary>
/// Reads a request's query string against the parameters an endpoint accepts, collecting every problem
/// by parameter name for one <c>400 application/problem+json</c> answer. Unknown parameters are
/// problems too: a misspelt filter must not silently return everything.
/// </summary>
internal sealed class ApiQuery
{
    private static readonly string[] DateTimeFormats =
    [
        "yyyy-MM-dd",
        "yyyy-MM-dd'T'HH:mm",
        "yyyy-MM-dd'T'HH:mm:ss",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
    ];

    private readonly IQueryCollection _query;
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    private ApiQuery(IQueryCollection query, IReadOnlyList<ApiParameter> accepted)
    {
        _query = query;
        foreach (var key in query.Keys)
        {
            if (!accepted.Any(p => string.Equals(p.Name, key, StringComparison.OrdinalIgnoreCase)))
            {
                AddError(key, accepted.Count == 0
                    ? $"Parametro «{key}» sconosciuto: questo indirizzo non accetta parametri."
                    : $"Parametro «{key}» sconosciuto. Parametri ammessi: {string.Join(", ", accepted.Select(p => p.Name))}.");
            }
        }
    }

    public bool IsValid => _errors.Count == 0;

    public static ApiQuery Read(HttpRequest request, IReadOnlyList<ApiParameter> accepted) => new(request.Query, accepted);

    public void AddError(string name, string message)
    {
        if (!_errors.TryGetValue(name, out var messages))
        {
            _errors[name] = messages = [];
        }

        messages.Add(message);
    }

    /// <summary>A single text value, trimmed; null when absent or empty.</summary>
    public string? Text(ApiParameter parameter)
    {
        if (Single(parameter) is not { } value)
        {
            return null;
        }

        if (value.Length > ApiParameter.MaxTextLength)
        {
            AddError(parameter.Name, $"Il parametro «{parameter.Name}» può contenere al massimo {ApiParameter.MaxTextLength} caratteri.");
            return null;
        }

        if (parameter == ApiParameter.Search && Services.SearchText.Problem(value) is { } problem)
        {
            AddError(parameter.Name, problem);
            return null;
        }

        return value;
    }

    /// <summary>A whole number within the parameter's range; its default when absent or not valid.</summary>
    public int Integer(ApiParameter parameter)
    {
        var fallback = parameter.Default ?? parameter.Minimum;
        if (Single(parameter) is not { } value)
        {
            return fallback;
        }

        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < parameter.Minimum || number > parameter.Maximum)
        {
            AddError(parameter.Name, $"Il parametro «{parameter.Name}» deve essere un numero intero da {parameter.Minimum} a {parameter.Maximum.ToString("N0", CultureInfo.GetCultureInfo("it-IT"))}: «{Shorten(value)}» non lo è.");
            return fallback;
        }

        return number;
    }

    /// <summary>An ISO 8601 date or date-time, as UTC; a value without offset is taken as UTC.</summary>
    public DateTime? DateTime(ApiParameter parameter)
    {
        if (Single(parameter) is not { } value)
        {
            return null;
        }

        if (System.DateTime.TryParseExact(value, DateTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var instant))
        {
            return System.DateTime.SpecifyKind(instant, DateTimeKind.Utc);
        }

        // A "+" left unencoded in a query string arrives as a space.
        var hint = value.Contains(' ', StringComparison.Ordinal) ? " Il segno «+» del fuso orario va scritto %2B nell'indirizzo." : "";
        AddError(parameter.Name, $"Il parametro «{parameter.Name}» deve essere una data ISO 8601 (2026-01-31) o una data e ora (2026-01-31T08:00:00Z): «{Shorten(value)}» non lo è.{hint}");
        return null;
    }

    /// <summary>Every value of a repeatable parameter, trimmed, without empties and duplicates; <paramref name="commaSeparated"/> also splits on commas.</summary>
    public IReadOnlyList<string> Values(ApiParameter parameter, bool commaSeparated = false)
    {
        var values = Raw(parameter)
            .SelectMany(v => commaSeparated ? v!.Split(',') : [v!])
            .Select(v => v.Trim())
            .Where(v => v.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (values.Count > 20)
        {
            AddError(parameter.Name, $"Il parametro «{parameter.Name}» accetta al massimo 20 valori.");
            return [];
        }

        if (values.Any(v => v.Length > ApiParameter.MaxTextLength))
        {
            AddError(parameter.Name, $"Ogni valore del parametro «{parameter.Name}» può contenere al massimo {ApiParameter.MaxTextLength} caratteri.");
            return [];
        }

        return values;
    }

    /// <summary>The 400 answer naming every parameter that is wrong.</summary>
    public ValidationProblem Problem()
    {
        var names = string.Join(", ", _errors.Keys.Select(k => "«" + k + "»"));
        var detail = _errors.Count == 1
            ? _errors.Values.Single()[0]
            : $"Parametri non validi: {names}. Il dettaglio di ognuno è in «errors».";
        return TypedResults.ValidationProblem(
            _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal),
            detail: detail,
            title: "Parametri della richiesta non validi");
    }

    private string? Single(ApiParameter parameter)
    {
        var values = Raw(parameter).Select(v => v!.Trim()).Where(v => v.Length > 0).ToList();
        if (values.Count > 1)
        {
            AddError(parameter.Name, $"Il parametro «{parameter.Name}» accetta un solo valore.");
            return null;
        }

        return values.Count == 1 ? values[0] : null;
    }

    private StringValues Raw(ApiParameter parameter) => _query.TryGetValue(parameter.Name, out var values) ? values : StringValues.Empty;

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
