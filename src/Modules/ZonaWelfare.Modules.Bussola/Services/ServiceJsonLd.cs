using System.Text.Json;
using System.Text.Json.Nodes;
using ZonaWelfare.Modules.Bussola.Models;

namespace ZonaWelfare.Modules.Bussola.Services;

/// <summary>The schema.org <c>GovernmentService</c> of a service page, as JSON-LD.</summary>
internal static class ServiceJsonLd
{
    public static string Build(ServiceView view, string pageUrl)
    {
        var service = view.Service;
        var json = new JsonObject
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "GovernmentService",
            ["name"] = view.Title,
            ["url"] = pageUrl,
        };
        Set(json, "description", service.ShortDescription);
        Set(json, "serviceType", service.Area);
        Set(json, "audience", service.WhoFor is null ? null : new JsonObject { ["@type"] = "Audience", ["audienceType"] = service.WhoFor });
        if (view.Organization is { } organization)
        {
            var part = organization.As<OrganizationPart>();
            var provider = new JsonObject { ["@type"] = part?.Type == "ETS" ? "Organization" : "GovernmentOrganization", ["name"] = organization.DisplayText };
            var contacts = part?.Contacts;
            Set(provider, "telephone", contacts?.Phone);
            Set(provider, "email", contacts?.Email);
            Set(provider, "url", contacts?.Website);
            json["provider"] = provider;
        }

        var channels = new JsonArray();
        foreach (var (item, location) in view.Locations)
        {
            var place = new JsonObject { ["@type"] = "Place", ["name"] = item.DisplayText };
            place["address"] = new JsonObject { ["@type"] = "PostalAddress", ["streetAddress"] = location.Address, ["addressLocality"] = location.Comune, ["addressCountry"] = "IT" };
            if (location.Latitude is { } lat && location.Longitude is { } lon)
            {
                place["geo"] = new JsonObject { ["@type"] = "GeoCoordinates", ["latitude"] = lat, ["longitude"] = lon };
            }

            var channel = new JsonObject { ["@type"] = "ServiceChannel", ["name"] = item.DisplayText, ["serviceLocation"] = place };
            Set(channel, "servicePhone", service.Contacts?.Phone is { } phone ? new JsonObject { ["@type"] = "ContactPoint", ["telephone"] = phone } : null);
            channels.Add(channel);
        }

        if (service.Contacts?.Website is { } website)
        {
            channels.Add(new JsonObject { ["@type"] = "ServiceChannel", ["serviceUrl"] = website });
        }

        if (channels.Count > 0)
        {
            json["availableChannel"] = channels;
        }

        Set(json, "areaServed", view.Comuni.Any() ? new JsonArray(view.Comuni.Select(c => (JsonNode)new JsonObject { ["@type"] = "City", ["name"] = c }).ToArray()) : null);

        // "</" must not end the script element early.
        return json.ToJsonString(new JsonSerializerOptions { WriteIndented = false }).Replace("</", "<\\/", StringComparison.Ordinal);
    }

    private static void Set(JsonObject json, string name, JsonNode? value)
    {
        if (value is not null)
        {
            json[name] = value;
        }
    }

    private static void Set(JsonObject json, string name, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            json[name] = value;
        }
    }
}
