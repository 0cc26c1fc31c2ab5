using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using ZonaWelfare.Abstractions.Caching;
using ZonaWelfare.Abstractions.Search;
using ZonaWelfare.Abstractions.Settings;
using ZonaWelfare.Modules.Bussola.Models;
using ZonaWelfare.Modules.Bussola.Services;

namespace ZonaWelfare.Modules.Bussola.Controllers;

/// <summary>
/// The public Bussola: search with facets at <c>/{zone}/bussola</c> and completions for the search box. A
/// service's own page is its content page (at its type's address, e.g. <c>/{zone}/bussola/servizi/{slug}</c>),
/// which the <see cref="Drivers.ServicePartDriver"/> fills.
/// </summary>
internal sealed class BussolaController(IZoneSettingsStore settingsStore, ISearchService search, ServiceReader reader) : Controller
{
    internal const int PageSize = 10;

    /// <summary>The deepest results page served; past it, narrowing the search is the way on.</summary>
    internal const int MaxPage = 1000;

    internal static readonly (string Field, string Label)[] FacetFields =
    [
        ("area", "Area"),
        ("target", "Per chi"),
        ("comune", "Comune"),
        ("accessMode", "Modalità di accesso"),
    ];

    [HttpGet("bussola")]
    [OutputCache(PolicyName = ZoneOutputCache.PolicyName)]
    public async Task<IActionResult> Index(string? q, [FromQuery] string[]? area, [FromQuery] string[]? target, [FromQuery] string[]? comune, [FromQuery] string[]? accessMode, string? vicino, double? lat, double? lon, int pagina = 1, CancellationToken cancellationToken = default)
    {
        var filters = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        void Add(string field, string[]? values)
        {
            var clean = (values ?? []).Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v.Trim()).Distinct(StringComparer.Ordinal).Take(20).ToList();
            if (clean.Count > 0)
            {
                filters[field] = clean;
            }
        }

        Add("area", area);
        Add("target", target);
        Add("comune", comune);
        Add("accessMode", accessMode);
        pagina = Math.Clamp(pagina, 1, MaxPage);
        var settings = await settingsStore.GetAsync<BussolaSettings>(BussolaSettings.SectionName, cancellationToken);
        var near = NearPoint.From(settings, vicino, lat, lon);
        if (SearchText.Problem(q) is { } problem)
        {
            // Refused before the index sees it: the page says why, and keeps the form to try again.
            Response.StatusCode = StatusCodes.Status400BadRequest;
            var none = new SearchResults(0, [], new Dictionary<string, IReadOnlyList<FacetValue>>(), false, null);
            return View("~/Views/Bussola/Index.cshtml", new BussolaSearchModel(null, filters, none, 1, null, near, settings.Comuni.ToList()) { Problem = problem });
        }

        var text = string.IsNullOrWhiteSpace(q) ? null : q.Trim();
        var types = await reader.ServiceTypesAsync(cancellationToken);
        var results = await search.SearchAsync(
            new SearchQuery
            {
                Text = text,
                Types = types,
                Filters = filters,
                Facets = FacetFields.Select(f => f.Field).ToList(),
                Near = near is null ? null : (ServiceSearchContributor.LocationField, near.Latitude, near.Longitude),
                Page = pagina,
                PageSize = PageSize,
            },
            cancellationToken);

        // Zero results: how many the same words find without filters, as a broader search to offer.
        int? withoutFilters = null;
        if (results.Total == 0 && filters.Count > 0 && text is not null)
        {
            withoutFilters = (await search.SearchAsync(new SearchQuery { Text = text, Types = types, PageSize = 1 }, cancellationToken)).Total;
        }

        return View("~/Views/Bussola/Index.cshtml", new BussolaSearchModel(text, filters, results, pagina, withoutFilters, near, settings.Comuni.ToList()));
    }

    [HttpGet("bussola/suggerimenti")]
    public async Task<IActionResult> Suggestions(string? q, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(q) || q.Length > 100)
        {
            return Json(Array.Empty<string>());
        }

        return Json(await search.SuggestAsync(q.Trim(), 8, cancellationToken));
    }

}

/// <summary>What the search page shows.</summary>
internal sealed record BussolaSearchModel(
    string? Text,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Filters,
    SearchResults Results,
    int Page,
    int? TotalWithoutFilters,
    NearPoint? Near,
    IReadOnlyList<BussolaPlace> Places)
{
    /// <summary>Why the search was refused (too long), shown above the results.</summary>
    public string? Problem { get; init; }

    public int Pages => Math.Clamp((Results.Total + BussolaController.PageSize - 1) / BussolaController.PageSize, 1, BussolaController.MaxPage);

    /// <summary>The page numbers to link: the first, the last and two either side of this one; null marks a gap.</summary>
    public IEnumerable<int?> PageLinks()
    {
        int? previous = null;
        for (var page = 1; page <= Pages; page++)
        {
            if (page != 1 && page != Pages && Math.Abs(page - Page) > 2)
            {
                continue;
            }

            if (previous is { } last && page > last + 1)
            {
                yield return null;
            }

            yield return page;
            previous = page;
        }
    }

    public bool IsSelected(string field, string value) => Filters.TryGetValue(field, out var values) && values.Contains(value, StringComparer.Ordinal);

    /// <summary>
    /// The query string of this search with changes: a filter toggled, another page, other words. The page writes one
    /// per facet value (dozens), so it is built in one pass without intermediate lists.
    /// </summary>
    public string Query(string? toggleField = null, string? toggleValue = null, int page = 1, string? text = null, bool keepFilters = true, bool keepText = true, bool keepNear = true)
    {
        var query = new System.Text.StringBuilder(128);
        void Add(string name, string value) => query.Append(query.Length == 0 ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value));

        var words = text ?? (keepText ? Text : null);
        if (!string.IsNullOrEmpty(words))
        {
            Add("q", words);
        }

        foreach (var (field, _) in BussolaController.FacetFields)
        {
            var toggles = field == toggleField && toggleValue is not null;
            var removed = false;
            if (keepFilters && Filters.TryGetValue(field, out var selected))
            {
                foreach (var value in selected)
                {
                    if (toggles && !removed && string.Equals(value, toggleValue, StringComparison.Ordinal))
                    {
                        removed = true;
                        continue;
                    }

                    Add(field, value);
                }
            }

            if (toggles && !removed)
            {
                Add(field, toggleValue!);
            }
        }

        if (keepNear && Near is not null)
        {
            foreach (var (name, value) in Near.Parameters())
            {
                Add(name, value);
            }
        }

        if (page > 1)
        {
            Add("pagina", page.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return query.ToString();
    }
}

/// <summary>
/// Where "vicino a" measures from: a comune the zone lists in its <c>bussola</c> settings, or the citizen's
/// position. The page's script sends the position rounded to three decimals (about 100 m), precise enough
/// to sort services, and the server rounds whatever it is given the same way before it shows or links it.
/// </summary>
internal sealed record NearPoint(double Latitude, double Longitude, string? Comune)
{
    /// <summary>The <c>vicino</c> value that means "from the position in <c>lat</c> and <c>lon</c>".</summary>
    public const string OwnPosition = "posizione";

    public static NearPoint? From(BussolaSettings settings, string? comune, double? latitude, double? longitude)
    {
        if (settings.Find(comune) is { } place)
        {
            return new NearPoint(place.Latitude, place.Longitude, place.Name);
        }

        if (string.Equals(comune, OwnPosition, StringComparison.Ordinal) && latitude is { } lat && longitude is { } lon && double.IsFinite(lat) && double.IsFinite(lon) && lat is >= -90 and <= 90 && lon is >= -180 and <= 180)
        {
            return new NearPoint(Math.Round(lat, 3), Math.Round(lon, 3), null);
        }

        return null;
    }

    /// <summary>"a Roccastrada" or "alla tua posizione", as in "dal più vicino a …".</summary>
    public string To => Comune is null ? "alla tua posizione" : "a " + Comune;

    /// <summary>"da Roccastrada" or "dalla tua posizione", as in "a 3 km da …".</summary>
    public string Away => Comune is null ? "dalla tua posizione" : "da " + Comune;

    /// <summary>The parameters that select this point again, for links and hidden form fields.</summary>
    public IEnumerable<(string Name, string Value)> Parameters() => Comune is not null
        ? [("vicino", Comune)]
        : [("vicino", OwnPosition), ("lat", FormattableString.Invariant($"{Latitude}")), ("lon", FormattableString.Invariant($"{Longitude}"))];
}
