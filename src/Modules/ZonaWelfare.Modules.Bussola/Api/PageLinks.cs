using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace ZonaWelfare.Modules.Bussola.Api;

/// <summary>RFC 8288 <c>Link</c> header of a page: first, prev, next and last, with the request's other parameters kept.</summary>
internal static class PageLinks
{
    public static void Add<T>(HttpContext http, Page<T> page, ApiLinks links)
    {
        // Inside the zone the path is /api/…; outside it is the API base plus the rest.
        var path = http.Request.Path.Value is { } value && value.StartsWith("/api", StringComparison.Ordinal) ? value["/api".Length..] : "";
        string Url(int number)
        {
            var query = http.Request.Query
                .Where(p => !string.Equals(p.Key, ApiParameter.PageNumber.Name, StringComparison.OrdinalIgnoreCase))
                .SelectMany(p => p.Value.Select(v => new KeyValuePair<string, StringValues>(p.Key, v)))
                .Append(new KeyValuePair<string, StringValues>(ApiParameter.PageNumber.Name, number.ToString(CultureInfo.InvariantCulture)));
            return links.ApiBase + path + QueryString.Create(query).ToUriComponent();
        }

        var last = Math.Max(1, page.TotalPages);
        var relations = new List<string> { $"<{Url(1)}>; rel=\"first\"" };
        if (page.PageNumber > 1)
        {
            relations.Add($"<{Url(Math.Min(page.PageNumber - 1, last))}>; rel=\"prev\"");
        }

        if (page.PageNumber < page.TotalPages)
        {
            relations.Add($"<{Url(page.PageNumber + 1)}>; rel=\"next\"");
        }

        relations.Add($"<{Url(last)}>; rel=\"last\"");
        http.Response.Headers.Link = string.Join(", ", relations);
    }
}
