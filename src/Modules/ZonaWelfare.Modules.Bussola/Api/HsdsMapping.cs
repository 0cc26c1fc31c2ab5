using System.Text.RegularExpressions;
using ZonaWelfare.Abstractions.Contents;
using ZonaWelfare.Modules.Bussola.Models;
using ZonaWelfare.Modules.Bussola.Services;

namespace ZonaWelfare.Modules.Bussola.Api;

/// <summary>Turns the Bussola's content items into HSDS records.</summary>
internal static partial class HsdsMapping
{
    // ISO 639 codes of the languages services are offered in, by their Italian name.
    private static readonly Dictionary<string, string> LanguageCodes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["italiano"] = "it", ["inglese"] = "en", ["francese"] = "fr", ["spagnolo"] = "es", ["tedesco"] = "de",
        ["portoghese"] = "pt", ["rumeno"] = "ro", ["albanese"] = "sq", ["arabo"] = "ar", ["cinese"] = "zh",
        ["russo"] = "ru", ["ucraino"] = "uk", ["polacco"] = "pl", ["punjabi"] = "pa", ["urdu"] = "ur",
        ["bengalese"] = "bn", ["hindi"] = "hi", ["tagalog"] = "tl", ["wolof"] = "wo", ["serbo"] = "sr",
        ["croato"] = "hr", ["turco"] = "tr", ["persiano"] = "fa", ["somalo"] = "so", ["tigrino"] = "ti",
        ["lingua dei segni italiana"] = "ise", ["LIS"] = "ise",
    };

    private static readonly (string Name, string Code)[] Days =
    [
        ("lunedì", "MO"), ("martedì", "TU"), ("mercoledì", "WE"), ("giovedì", "TH"), ("venerdì", "FR"), ("sabato", "SA"), ("domenica", "SU"),
    ];

    /// <summary>HSDS status of the Designers Italia status: attivo → active, non attivo → inactive, sospeso → temporarily closed; anything else is not guessed.</summary>
    public static string? Status(string? status) => status?.Trim().ToLowerInvariant() switch
    {
        "attivo" => "active",
        "non attivo" => "inactive",
        "sospeso" => "temporarily closed",
        _ => null,
    };

    public static ServiceSummary Summary(ContentItem item, ServicePart service, string? path, string? organizationName, IReadOnlyList<string> comuni, ApiLinks links) => new()
    {
        Id = item.ContentItemId,
        Name = item.DisplayText,
        Description = service.ShortDescription,
        Url = service.Contacts?.Website,
        Email = service.Contacts?.Email,
        Status = Status(service.Status),
        OrganizationId = service.OrganizationId,
        OrganizationName = organizationName,
        FeesDescription = service.Cost,
        Area = service.Area,
        Comuni = comuni,
        AssuredDate = service.LastReviewed,
        LastModified = Utc(item.ModifiedUtc),
        WebUrl = links.ServicePage(path),
    };

    public static ServiceRecord Record(ServiceView view, int organizationServiceCount, TaxonomyCatalogue taxonomies, ApiLinks links)
    {
        var id = view.Item.ContentItemId;
        var service = view.Service;
        var phones = Phones(id, service.Contacts?.Phone);
        return new ServiceRecord
        {
            Id = id,
            OrganizationId = service.OrganizationId,
            Name = view.Title,
            Description = service.ShortDescription,
            Url = service.Contacts?.Website,
            Email = service.Contacts?.Email,
            Status = Status(service.Status),
            ApplicationProcess = service.HowTo,
            FeesDescription = service.Cost,
            WaitTime = service.TimesAndDeadlines,
            EligibilityDescription = service.WhoFor,
            AssuredDate = service.LastReviewed,
            AccessibilityDescription = service.Accessibility,
            LastModified = Utc(view.Item.ModifiedUtc),
            WebUrl = links.ServicePage(view.Path),
            Phones = phones,
            Contacts = service.Contacts is { } contacts && (contacts.Phone ?? contacts.Email ?? contacts.Website) is not null
                ? [new ContactRecord { Id = id + "-contatti", ServiceId = id, Name = "Contatti del servizio", Email = contacts.Email, Website = contacts.Website, Phones = phones }]
                : [],
            Languages = service.Languages.Where(l => !string.IsNullOrWhiteSpace(l)).Select((language, i) => new LanguageRecord
            {
                Id = $"{id}-lingua-{i + 1}",
                ServiceId = id,
                Name = language,
                Code = LanguageCodes.GetValueOrDefault(language.Trim()),
            }).ToList(),
            RequiredDocuments = string.IsNullOrWhiteSpace(service.WhatYouNeed) ? [] : [new RequiredDocumentRecord { Id = id + "-documenti", ServiceId = id, Document = service.WhatYouNeed }],
            CostOptions = string.IsNullOrWhiteSpace(service.Cost) ? [] : [new CostOptionRecord { Id = id + "-costo", ServiceId = id, AmountDescription = service.Cost }],
            Organization = view.Organization is { } organization ? Organization(organization, organizationServiceCount) : null,
            ServiceAtLocations = view.Locations.Select(l => new ServiceAtLocationRecord
            {
                Id = id + "@" + l.Item.ContentItemId,
                ServiceId = id,
                LocationId = l.Item.ContentItemId,
                Location = Location(l.Item, l.Location),
            }).ToList(),
            Attributes = Attributes(id, service, taxonomies),
            DesignersItalia = new DesignersItaliaRecord
            {
                Category = service.Area,
                Status = service.Status,
                StatusReason = service.StatusReason,
                ShortDescription = service.ShortDescription,
                WhoFor = service.WhoFor,
                HowTo = service.HowTo,
                WhatYouNeed = service.WhatYouNeed,
                WhatYouGet = service.WhatYouGet,
                TimesAndDeadlines = service.TimesAndDeadlines,
                AccessChannel = service.AccessChannel,
                Conditions = service.Conditions,
                Targets = service.Targets,
                AccessMode = service.AccessMode,
                Keywords = service.Keywords,
            },
        };
    }

    public static OrganizationRecord Organization(ContentItem item, int serviceCount)
    {
        var part = item.As<OrganizationPart>();
        return new OrganizationRecord
        {
            Id = item.ContentItemId,
            Name = item.DisplayText,
            Description = part?.Description,
            Email = part?.Contacts?.Email,
            Website = part?.Contacts?.Website,
            Type = part?.Type,
            Phones = Phones(item.ContentItemId, part?.Contacts?.Phone),
            ServiceCount = serviceCount,
        };
    }

    public static OrganizationDetail OrganizationDetail(ContentItem item, IReadOnlyList<ServiceReference> services)
    {
        var summary = Organization(item, services.Count);
        return new OrganizationDetail
        {
            Id = summary.Id,
            Name = summary.Name,
            Description = summary.Description,
            Email = summary.Email,
            Website = summary.Website,
            Type = summary.Type,
            Phones = summary.Phones,
            ServiceCount = summary.ServiceCount,
            Services = services,
        };
    }

    public static LocationRecord Location(ContentItem item, LocationPart location)
    {
        var id = item.ContentItemId;
        return new LocationRecord
        {
            Id = id,
            Name = item.DisplayText,
            Comune = location.Comune,
            Latitude = location.Latitude,
            Longitude = location.Longitude,
            Addresses = string.IsNullOrWhiteSpace(location.Address) ? [] : [Address(id, location.Address, location.Comune)],
            Schedules = location.OpeningHours.Select((hours, i) => Schedule($"{id}-orario-{i + 1}", id, hours)).ToList(),
            Accessibility = string.IsNullOrWhiteSpace(location.Accessibility) ? [] : [new AccessibilityRecord { Id = id + "-accessibilita", LocationId = id, Description = location.Accessibility }],
        };
    }

    /// <summary>"Via Damiano Chiesa 12, 58100" → street "Via Damiano Chiesa 12", CAP "58100".</summary>
    public static AddressRecord Address(string locationId, string address, string? comune)
    {
        var match = TrailingCap().Match(address);
        return new AddressRecord
        {
            Id = locationId + "-indirizzo",
            LocationId = locationId,
            Address1 = match.Success ? address[..match.Index].Trim() : address.Trim(),
            City = comune,
            PostalCode = match.Success ? match.Groups[1].Value : null,
        };
    }

    /// <summary>An opening slot; <c>byday</c> when its days read as Italian day names, ranges ("lunedì-venerdì"), lists or "tutti i giorni".</summary>
    public static ScheduleRecord Schedule(string id, string locationId, OpeningHours hours)
    {
        var byDay = ByDay(hours.Days);
        var times = (hours.Opens, hours.Closes) switch
        {
            ({ } opens, { } closes) => $" {opens}–{closes}",
            ({ } opens, null) => " dalle " + opens,
            (null, { } closes) => " fino alle " + closes,
            _ => "",
        };
        return new ScheduleRecord
        {
            Id = id,
            LocationId = locationId,
            Freq = byDay is null ? null : "WEEKLY",
            ByDay = byDay,
            OpensAt = hours.Opens,
            ClosesAt = hours.Closes,
            Description = ((hours.Days ?? "") + times).Trim(),
        };
    }

    public static string? ByDay(string? days)
    {
        if (string.IsNullOrWhiteSpace(days))
        {
            return null;
        }

        var text = days.Trim().ToLowerInvariant();
        if (text is "tutti i giorni" or "ogni giorno")
        {
            return string.Join(",", Days.Select(d => d.Code));
        }

        var codes = new List<string>();
        foreach (var part in DayListSeparator().Split(text))
        {
            var range = part.Split(['-', '–'], StringSplitOptions.TrimEntries);
            var from = DayIndex(range[0]);
            var to = range.Length == 2 ? DayIndex(range[1]) : from;
            if (range.Length > 2 || from < 0 || to < from)
            {
                return null;
            }

            codes.AddRange(Days[from..(to + 1)].Select(d => d.Code));
        }

        return codes.Count == 0 ? null : string.Join(",", codes.Distinct(StringComparer.Ordinal));
    }

    private static int DayIndex(string name)
    {
        var day = name.Trim();
        for (var i = 0; i < Days.Length; i++)
        {
            // "lunedi" without the accent is common in typed text.
            if (day == Days[i].Name || day == Days[i].Name.TrimEnd('ì') + "i")
            {
                return i;
            }
        }

        return -1;
    }

    private static List<AttributeRecord> Attributes(string serviceId, ServicePart service, TaxonomyCatalogue taxonomies)
    {
        var terms = new List<TaxonomyTerm?> { taxonomies.ForValue(TaxonomyDefinition.Area, service.Area) };
        terms.AddRange(service.Targets.Select(t => taxonomies.ForValue(TaxonomyDefinition.Target, t)));
        terms.Add(taxonomies.ForValue(TaxonomyDefinition.AccessMode, service.AccessMode));
        return terms.OfType<TaxonomyTerm>().DistinctBy(t => t.Id).Select(term => new AttributeRecord
        {
            Id = serviceId + "#" + term.Id,
            LinkId = serviceId,
            LinkType = term.Taxonomy.Id,
            TaxonomyTermId = term.Id,
            TaxonomyTerm = term.ToRecord(),
        }).ToList();
    }

    private static List<PhoneRecord> Phones(string ownerId, string? phone) =>
        string.IsNullOrWhiteSpace(phone) ? [] : [new PhoneRecord { Id = ownerId + "-telefono", Number = phone.Trim() }];

    public static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    [GeneratedRegex(@",\s*(\d{5})\s*$")]
    private static partial Regex TrailingCap();

    [GeneratedRegex(@"\s*,\s*|\s+e\s+")]
    private static partial Regex DayListSeparator();
}
