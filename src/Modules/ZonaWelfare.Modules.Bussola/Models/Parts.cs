using ZonaWelfare.Abstractions.Contents;

namespace ZonaWelfare.Modules.Bussola.Models;

/// <summary>
/// A service of the catalogue: the items of the Designers Italia service page (what, for whom, how,
/// what you need and get, times, channel, conditions, contacts) plus the HSDS core (who provides it,
/// where, for whom, how to access it, cost, languages, accessibility, last review, keywords).
/// </summary>
internal sealed class ServicePart : ContentPart
{
    /// <summary>Category (e.g. "anziani", "disabilità").</summary>
    public string? Area { get; set; }

    /// <summary>"attivo", "non attivo" or "sospeso".</summary>
    public string? Status { get; set; }

    /// <summary>Why the service is not active (Designers Italia "motivo dello stato").</summary>
    public string? StatusReason { get; set; }

    public string? ShortDescription { get; set; }

    public string? WhoFor { get; set; }

    public string? HowTo { get; set; }

    public string? WhatYouNeed { get; set; }

    public string? WhatYouGet { get; set; }

    public string? TimesAndDeadlines { get; set; }

    public string? AccessChannel { get; set; }

    public string? Conditions { get; set; }

    public ContactInfo? Contacts { get; set; }

    /// <summary>Content item id of the providing organization (an <c>Ente</c>).</summary>
    public string? OrganizationId { get; set; }

    /// <summary>Content item ids of the locations (<c>Sede</c>) where the service is offered.</summary>
    public List<string> LocationIds { get; set; } = [];

    public List<string> Targets { get; set; } = [];

    public string? AccessMode { get; set; }

    public string? Cost { get; set; }

    public List<string> Languages { get; set; } = [];

    public string? Accessibility { get; set; }

    /// <summary>Date of the last review (yyyy-MM-dd).</summary>
    public string? LastReviewed { get; set; }

    public List<string> Keywords { get; set; } = [];
}

/// <summary>Phone, e-mail and website of a service or organization.</summary>
internal sealed class ContactInfo
{
    public string? Phone { get; set; }

    public string? Email { get; set; }

    public string? Website { get; set; }
}

/// <summary>A body that provides services: a Comune, an Azienda sanitaria, a Società della Salute or a third-sector body.</summary>
internal sealed class OrganizationPart : ContentPart
{
    /// <summary>"Comune", "ASL", "SdS" or "ETS".</summary>
    public string? Type { get; set; }

    public string? Description { get; set; }

    public ContactInfo? Contacts { get; set; }
}

/// <summary>A place where services are offered.</summary>
internal sealed class LocationPart : ContentPart
{
    public string? Address { get; set; }

    public string? Comune { get; set; }

    public double? Latitude { get; set; }

    public double? Longitude { get; set; }

    public List<OpeningHours> OpeningHours { get; set; } = [];

    public string? Accessibility { get; set; }
}

/// <summary>One opening slot, e.g. "lunedì-venerdì" 09:00–12:30.</summary>
internal sealed class OpeningHours
{
    public string? Days { get; set; }

    public string? Opens { get; set; }

    public string? Closes { get; set; }
}
