namespace ZonaWelfare.Modules.Bussola.Models;

/// <summary>
/// The 13 items of the Designers Italia service page, in the order the public page shows them. The editor
/// groups its inputs by them and counts how many are filled ("11 di 13 sezioni compilate").
/// </summary>
internal static class ServiceSections
{
    public static readonly IReadOnlyList<ServiceSection> All =
    [
        new("stato", "Stato del servizio", s => Has(s.Status)),
        new("descrizione", "Descrizione", s => Has(s.ShortDescription)),
        new("a-chi-si-rivolge", "A chi si rivolge", s => Has(s.WhoFor)),
        new("come-fare", "Come fare", s => Has(s.HowTo)),
        new("cosa-serve", "Cosa serve", s => Has(s.WhatYouNeed)),
        new("cosa-si-ottiene", "Cosa si ottiene", s => Has(s.WhatYouGet)),
        new("tempi-e-scadenze", "Tempi e scadenze", s => Has(s.TimesAndDeadlines)),
        new("canale", "Canale di accesso", s => Has(s.AccessChannel)),
        new("condizioni", "Condizioni di servizio", s => Has(s.Conditions)),
        new("costi", "Quanto costa", s => Has(s.Cost)),
        new("dove", "Dove", s => s.LocationIds.Any(Has)),
        new("contatti", "Contatti", s => s.Contacts is { } c && (Has(c.Phone) || Has(c.Email) || Has(c.Website))),
        new("ente", "Ente responsabile", s => Has(s.OrganizationId)),
    ];

    public static ServiceSection Get(string id) => All.First(s => s.Id == id);

    /// <summary>The sections a service leaves empty, in page order.</summary>
    public static IReadOnlyList<ServiceSection> Missing(ServicePart service) => All.Where(s => !s.IsFilled(service)).ToList();

    private static bool Has(string? value) => !string.IsNullOrWhiteSpace(value);
}

/// <summary>One item of the service page: its anchor on the page, its title, and when it counts as filled.</summary>
internal sealed record ServiceSection(string Id, string Title, Func<ServicePart, bool> IsFilled);
