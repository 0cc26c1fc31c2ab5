using System.Text.Json.Serialization;

namespace ZonaWelfare.Modules.Bussola.Api;

// The records of the public API, shaped after Open Referral HSDS 3.0 (snake_case names, one record per
// HSDS object). Fields HSDS does not have (the Designers Italia service sections, web_url, comuni…) are
// extensions. Names are explicit attributes so the OpenAPI schema and the JSON always agree.

/// <summary>An HSDS 3.0 page of results.</summary>
internal sealed class Page<T>
{
    /// <summary>How many records match, over all pages.</summary>
    [JsonPropertyName("total_items")]
    public required int TotalItems { get; init; }

    /// <summary>How many pages the matching records fill (0 when none matches).</summary>
    [JsonPropertyName("total_pages")]
    public required int TotalPages { get; init; }

    /// <summary>The number of this page, from 1.</summary>
    [JsonPropertyName("page_number")]
    public required int PageNumber { get; init; }

    /// <summary>How many records this page holds.</summary>
    [JsonPropertyName("size")]
    public required int Size { get; init; }

    /// <summary>Whether this is the first page.</summary>
    [JsonPropertyName("first_page")]
    public required bool FirstPage { get; init; }

    /// <summary>Whether this is the last page (or past it).</summary>
    [JsonPropertyName("last_page")]
    public required bool LastPage { get; init; }

    /// <summary>Whether this page holds no record.</summary>
    [JsonPropertyName("empty")]
    public required bool Empty { get; init; }

    /// <summary>The records of this page.</summary>
    [JsonPropertyName("contents")]
    public required IReadOnlyList<T> Contents { get; init; }
}

/// <summary>Builds pages.</summary>
internal static class Page
{
    /// <summary>A page of <paramref name="contents"/>, page <paramref name="pageNumber"/> of <paramref name="totalItems"/> records shown <paramref name="perPage"/> at a time.</summary>
    public static Page<T> Of<T>(IReadOnlyList<T> contents, int totalItems, int pageNumber, int perPage)
    {
        var totalPages = (totalItems + perPage - 1) / perPage;
        return new Page<T>
        {
            TotalItems = totalItems,
            TotalPages = totalPages,
            PageNumber = pageNumber,
            Size = contents.Count,
            FirstPage = pageNumber == 1,
            LastPage = pageNumber >= totalPages,
            Empty = contents.Count == 0,
            Contents = contents,
        };
    }
}

/// <summary>What the API is: HSDS version, where its OpenAPI document is, who publishes it.</summary>
internal sealed class ApiInfo
{
    /// <summary>The HSDS version the API follows.</summary>
    [JsonPropertyName("version")]
    public required string Version { get; init; }

    /// <summary>The HSDS profile of the API (none: plain HSDS with extensions).</summary>
    [JsonPropertyName("profile")]
    public string? Profile { get; init; }

    /// <summary>The absolute address of the OpenAPI document of this zone's API.</summary>
    [JsonPropertyName("openapi_url")]
    public required string OpenApiUrl { get; init; }

    /// <summary>What the feed holds.</summary>
    [JsonPropertyName("description")]
    public required string Description { get; init; }

    /// <summary>Who publishes the feed: the zone's organization.</summary>
    [JsonPropertyName("publisher")]
    public required Publisher Publisher { get; init; }
}

/// <summary>The publisher of the feed.</summary>
internal sealed class Publisher
{
    /// <summary>The name of the zone's organization, else the zone's name.</summary>
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    /// <summary>An address for feedback on the data.</summary>
    [JsonPropertyName("email")]
    public string? Email { get; init; }

    /// <summary>The organization's website.</summary>
    [JsonPropertyName("website")]
    public string? Website { get; init; }
}

/// <summary>A service in a list: its one-to-one fields (HSDS <c>service_list</c>) plus where and what it is.</summary>
internal sealed class ServiceSummary
{
    /// <summary>The service's stable id.</summary>
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    /// <summary>The service's name.</summary>
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    /// <summary>A short description of the service.</summary>
    [JsonPropertyName("description")]
    public string? Description { get; init; }

    /// <summary>The service's own website.</summary>
    [JsonPropertyName("url")]
    public string? Url { get; init; }

    /// <summary>The service's e-mail address.</summary>
    [JsonPropertyName("email")]
    public string? Email { get; init; }

    /// <summary>HSDS status: active, inactive or temporarily closed.</summary>
    [JsonPropertyName("status")]
    public string? Status { get; init; }

    /// <summary>The id of the organization that provides the service.</summary>
    [JsonPropertyName("organization_id")]
    public string? OrganizationId { get; init; }

    /// <summary>The name of the organization that provides the service (extension).</summary>
    [JsonPropertyName("organization_name")]
    public string? OrganizationName { get; init; }

    /// <summary>What the service costs, in words.</summary>
    [JsonPropertyName("fees_description")]
    public string? FeesDescription { get; init; }

    /// <summary>The area of the service (extension; also a taxonomy term).</summary>
    [JsonPropertyName("area")]
    public string? Area { get; init; }

    /// <summary>The comuni where the service has a location (extension).</summary>
    [JsonPropertyName("comuni")]
    public required IReadOnlyList<string> Comuni { get; init; }

    /// <summary>The date the information was last checked (yyyy-MM-dd).</summary>
    [JsonPropertyName("assured_date")]
    public string? AssuredDate { get; init; }

    /// <summary>When the published service last changed (UTC).</summary>
    [JsonPropertyName("last_modified")]
    public required DateTimeOffset LastModified { get; init; }

    /// <summary>The service's page on the zone's public site (extension).</summary>
    [JsonPropertyName("web_url")]
    public string? WebUrl { get; init; }
}

/// <summary>A fully nested service (HSDS <c>service</c>): organization, locations with addresses and opening hours, phones, languages, costs, taxonomy terms, plus the Designers Italia service sections.</summary>
internal sealed class ServiceRecord
{
    /// <summary>The service's stable id.</summary>
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    /// <summary>The id of the organization that provides the service.</summary>
    [JsonPropertyName("organization_id")]
    public string? OrganizationId { get; init; }

    /// <summary>The service's name.</summary>
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    /// <summary>A short description of the service.</summary>
    [JsonPropertyName("description")]
    public string? Description { get; init; }

    /// <summary>The service's own website.</summary>
    [JsonPropertyName("url")]
    public string? Url { get; init; }

    /// <summary>The service's e-mail address.</summary>
    [JsonPropertyName("email")]
    public string? Email { get; init; }

    /// <summary>HSDS status: active, inactive or temporarily closed.</summary>
    [JsonPropertyName("status")]
    public string? Status { get; init; }

    /// <summary>How to apply for the service.</summary>
    [JsonPropertyName("application_process")]
    public string? ApplicationProcess { get; init; }

    /// <summary>What the service costs, in words.</summary>
    [JsonPropertyName("fees_description")]
    public string? FeesDescription { get; init; }

    /// <summary>Times and deadlines: how long it takes.</summary>
    [JsonPropertyName("wait_time")]
    public string? WaitTime { get; init; }

    /// <summary>Who the service is for.</summary>
    [JsonPropertyName("eligibility_description")]
    public string? EligibilityDescription { get; init; }

    /// <summary>The date the information was last checked (yyyy-MM-dd).</summary>
    [JsonPropertyName("assured_date")]
    public string? AssuredDate { get; init; }

    /// <summary>Accessibility of the service as a whole (extension; each location has its own).</summary>
    [JsonPropertyName("accessibility_description")]
    public string? AccessibilityDescription { get; init; }

    /// <summary>When the published service last changed (UTC).</summary>
    [JsonPropertyName("last_modified")]
    public required DateTimeOffset LastModified { get; init; }

    /// <summary>The service's page on the zone's public site (extension).</summary>
    [JsonPropertyName("web_url")]
    public string? WebUrl { get; init; }

    /// <summary>The service's phone numbers.</summary>
    [JsonPropertyName("phones")]
    public required IReadOnlyList<PhoneRecord> Phones { get; init; }

    /// <summary>Who to contact about the service.</summary>
    [JsonPropertyName("contacts")]
    public required IReadOnlyList<ContactRecord> Contacts { get; init; }

    /// <summary>The languages the service is offered in.</summary>
    [JsonPropertyName("languages")]
    public required IReadOnlyList<LanguageRecord> Languages { get; init; }

    /// <summary>What the citizen needs to bring or send.</summary>
    [JsonPropertyName("required_documents")]
    public required IReadOnlyList<RequiredDocumentRecord> RequiredDocuments { get; init; }

    /// <summary>The costs of the service.</summary>
    [JsonPropertyName("cost_options")]
    public required IReadOnlyList<CostOptionRecord> CostOptions { get; init; }

    /// <summary>The organization that provides the service.</summary>
    [JsonPropertyName("organization")]
    public OrganizationRecord? Organization { get; init; }

    /// <summary>Where the service is offered, each with its location.</summary>
    [JsonPropertyName("service_at_locations")]
    public required IReadOnlyList<ServiceAtLocationRecord> ServiceAtLocations { get; init; }

    /// <summary>The taxonomy terms of the service: area, targets, access mode.</summary>
    [JsonPropertyName("attributes")]
    public required IReadOnlyList<AttributeRecord> Attributes { get; init; }

    /// <summary>The sections of the Designers Italia service page (extension).</summary>
    [JsonPropertyName("designers_italia")]
    public required DesignersItaliaRecord DesignersItalia { get; init; }
}

/// <summary>The sections of a service page as the Designers Italia model for public services names them.</summary>
internal sealed class DesignersItaliaRecord
{
    /// <summary>The category of the service (area).</summary>
    [JsonPropertyName("category")]
    public string? Category { get; init; }

    /// <summary>The status as published: attivo, non attivo, sospeso.</summary>
    [JsonPropertyName("status")]
    public string? Status { get; init; }

    /// <summary>Why the service is not active.</summary>
    [JsonPropertyName("status_reason")]
    public string? StatusReason { get; init; }

    /// <summary>Short description.</summary>
    [JsonPropertyName("short_description")]
    public string? ShortDescription { get; init; }

    /// <summary>Who the service is for.</summary>
    [JsonPropertyName("who_for")]
    public string? WhoFor { get; init; }

    /// <summary>How to do it.</summary>
    [JsonPropertyName("how_to")]
    public string? HowTo { get; init; }

    /// <summary>What you need.</summary>
    [JsonPropertyName("what_you_need")]
    public string? WhatYouNeed { get; init; }

    /// <summary>What you get.</summary>
    [JsonPropertyName("what_you_get")]
    public string? WhatYouGet { get; init; }

    /// <summary>Times and deadlines.</summary>
    [JsonPropertyName("times_and_deadlines")]
    public string? TimesAndDeadlines { get; init; }

    /// <summary>How to reach the service: in person, by phone, online.</summary>
    [JsonPropertyName("access_channel")]
    public string? AccessChannel { get; init; }

    /// <summary>Conditions of service.</summary>
    [JsonPropertyName("conditions")]
    public string? Conditions { get; init; }

    /// <summary>Who the service is for, as taxonomy values.</summary>
    [JsonPropertyName("targets")]
    public required IReadOnlyList<string> Targets { get; init; }

    /// <summary>How to access the service (e.g. accesso diretto, tramite assistente sociale).</summary>
    [JsonPropertyName("access_mode")]
    public string? AccessMode { get; init; }

    /// <summary>Keywords of the service.</summary>
    [JsonPropertyName("keywords")]
    public required IReadOnlyList<string> Keywords { get; init; }
}

/// <summary>A phone number.</summary>
internal sealed class PhoneRecord
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    /// <summary>The number as published.</summary>
    [JsonPropertyName("number")]
    public required string Number { get; init; }

    /// <summary>HSDS phone type: always voice.</summary>
    [JsonPropertyName("type")]
    public string Type { get; init; } = "voice";
}

/// <summary>A point of contact of a service.</summary>
internal sealed class ContactRecord
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("service_id")]
    public required string ServiceId { get; init; }

    /// <summary>What the contact is.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    [JsonPropertyName("email")]
    public string? Email { get; init; }

    /// <summary>The contact's website (extension).</summary>
    [JsonPropertyName("website")]
    public string? Website { get; init; }

    [JsonPropertyName("phones")]
    public required IReadOnlyList<PhoneRecord> Phones { get; init; }
}

/// <summary>A language a service is offered in.</summary>
internal sealed class LanguageRecord
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("service_id")]
    public required string ServiceId { get; init; }

    /// <summary>The language's name, as published (Italian).</summary>
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    /// <summary>The ISO 639 code, when the name is a known language.</summary>
    [JsonPropertyName("code")]
    public string? Code { get; init; }
}

/// <summary>What the citizen needs to bring or send.</summary>
internal sealed class RequiredDocumentRecord
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("service_id")]
    public required string ServiceId { get; init; }

    [JsonPropertyName("document")]
    public required string Document { get; init; }
}

/// <summary>A cost of a service.</summary>
internal sealed class CostOptionRecord
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("service_id")]
    public required string ServiceId { get; init; }

    /// <summary>The cost in words, e.g. "gratuito", "compartecipazione in base all'ISEE".</summary>
    [JsonPropertyName("amount_description")]
    public required string AmountDescription { get; init; }
}

/// <summary>An organization that provides services.</summary>
internal class OrganizationRecord
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("description")]
    public string? Description { get; init; }

    [JsonPropertyName("email")]
    public string? Email { get; init; }

    [JsonPropertyName("website")]
    public string? Website { get; init; }

    /// <summary>Kind of body (extension): Comune, ASL, SdS or ETS.</summary>
    [JsonPropertyName("type")]
    public string? Type { get; init; }

    [JsonPropertyName("phones")]
    public required IReadOnlyList<PhoneRecord> Phones { get; init; }

    /// <summary>How many published services the organization provides (extension).</summary>
    [JsonPropertyName("service_count")]
    public required int ServiceCount { get; init; }
}

/// <summary>An organization with its published services.</summary>
internal sealed class OrganizationDetail : OrganizationRecord
{
    /// <summary>The organization's published services.</summary>
    [JsonPropertyName("services")]
    public required IReadOnlyList<ServiceReference> Services { get; init; }
}

/// <summary>A service named by an organization.</summary>
internal sealed class ServiceReference
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("name")]
    public required string Name { get; init; }

    /// <summary>The service's page on the zone's public site (extension).</summary>
    [JsonPropertyName("web_url")]
    public string? WebUrl { get; init; }
}

/// <summary>A service offered at a location.</summary>
internal sealed class ServiceAtLocationRecord
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("service_id")]
    public required string ServiceId { get; init; }

    [JsonPropertyName("location_id")]
    public required string LocationId { get; init; }

    [JsonPropertyName("location")]
    public required LocationRecord Location { get; init; }
}

/// <summary>A physical place where services are offered.</summary>
internal sealed class LocationRecord
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    /// <summary>HSDS location type: physical.</summary>
    [JsonPropertyName("location_type")]
    public string LocationType { get; init; } = "physical";

    [JsonPropertyName("name")]
    public required string Name { get; init; }

    /// <summary>The comune the location is in (extension; also the address's city).</summary>
    [JsonPropertyName("comune")]
    public string? Comune { get; init; }

    /// <summary>WGS84 latitude.</summary>
    [JsonPropertyName("latitude")]
    public double? Latitude { get; init; }

    /// <summary>WGS84 longitude.</summary>
    [JsonPropertyName("longitude")]
    public double? Longitude { get; init; }

    [JsonPropertyName("addresses")]
    public required IReadOnlyList<AddressRecord> Addresses { get; init; }

    /// <summary>Opening hours.</summary>
    [JsonPropertyName("schedules")]
    public required IReadOnlyList<ScheduleRecord> Schedules { get; init; }

    [JsonPropertyName("accessibility")]
    public required IReadOnlyList<AccessibilityRecord> Accessibility { get; init; }
}

/// <summary>A postal address.</summary>
internal sealed class AddressRecord
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("location_id")]
    public required string LocationId { get; init; }

    /// <summary>Street and number.</summary>
    [JsonPropertyName("address_1")]
    public required string Address1 { get; init; }

    /// <summary>The comune.</summary>
    [JsonPropertyName("city")]
    public string? City { get; init; }

    /// <summary>The CAP, when the address ends with one.</summary>
    [JsonPropertyName("postal_code")]
    public string? PostalCode { get; init; }

    /// <summary>ISO 3166-1 country code: IT.</summary>
    [JsonPropertyName("country")]
    public string Country { get; init; } = "IT";

    /// <summary>HSDS address type: physical.</summary>
    [JsonPropertyName("address_type")]
    public string AddressType { get; init; } = "physical";
}

/// <summary>An opening slot of a location, as an iCalendar weekly rule where the days could be read.</summary>
internal sealed class ScheduleRecord
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("location_id")]
    public required string LocationId { get; init; }

    /// <summary>WEEKLY when <c>byday</c> could be read from the days.</summary>
    [JsonPropertyName("freq")]
    public string? Freq { get; init; }

    /// <summary>iCalendar days, e.g. MO,TU,WE,TH,FR.</summary>
    [JsonPropertyName("byday")]
    public string? ByDay { get; init; }

    /// <summary>Opening time (HH:mm, local time).</summary>
    [JsonPropertyName("opens_at")]
    public string? OpensAt { get; init; }

    /// <summary>Closing time (HH:mm, local time).</summary>
    [JsonPropertyName("closes_at")]
    public string? ClosesAt { get; init; }

    /// <summary>IANA time zone of the times.</summary>
    [JsonPropertyName("timezone")]
    public string Timezone { get; init; } = "Europe/Rome";

    /// <summary>The slot as published, e.g. "lunedì-venerdì 09:00–12:30".</summary>
    [JsonPropertyName("description")]
    public required string Description { get; init; }
}

/// <summary>Accessibility of a location.</summary>
internal sealed class AccessibilityRecord
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("location_id")]
    public required string LocationId { get; init; }

    [JsonPropertyName("description")]
    public required string Description { get; init; }
}

/// <summary>A taxonomy term attached to a service.</summary>
internal sealed class AttributeRecord
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    /// <summary>The service the term is attached to.</summary>
    [JsonPropertyName("link_id")]
    public required string LinkId { get; init; }

    /// <summary>What the term says about the service: area, target or access_mode.</summary>
    [JsonPropertyName("link_type")]
    public required string LinkType { get; init; }

    /// <summary>The kind of record the term is attached to: service.</summary>
    [JsonPropertyName("link_entity")]
    public string LinkEntity { get; init; } = "service";

    [JsonPropertyName("taxonomy_term_id")]
    public required string TaxonomyTermId { get; init; }

    [JsonPropertyName("taxonomy_term")]
    public required TaxonomyTermRecord TaxonomyTerm { get; init; }
}

/// <summary>A taxonomy: area, target or access mode.</summary>
internal sealed class TaxonomyRecord
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("description")]
    public required string Description { get; init; }

    /// <summary>How many terms the zone's published services use (extension).</summary>
    [JsonPropertyName("term_count")]
    public required int TermCount { get; init; }
}

/// <summary>A term of a taxonomy, as used by the zone's published services.</summary>
internal sealed class TaxonomyTermRecord
{
    /// <summary>Stable id: taxonomy id, colon, code (e.g. area:anziani).</summary>
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    /// <summary>The term as a lower-case ASCII slug.</summary>
    [JsonPropertyName("code")]
    public required string Code { get; init; }

    /// <summary>The term as published.</summary>
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("taxonomy_id")]
    public required string TaxonomyId { get; init; }

    /// <summary>The taxonomy's name.</summary>
    [JsonPropertyName("taxonomy")]
    public required string Taxonomy { get; init; }

    /// <summary>Language of the term (BCP 47).</summary>
    [JsonPropertyName("language")]
    public string Language { get; init; } = "it";

    /// <summary>How many published services use the term (extension).</summary>
    [JsonPropertyName("service_count")]
    public required int ServiceCount { get; init; }
}
