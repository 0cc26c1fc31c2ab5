using ZonaWelfare.Abstractions.Contents.Display;
using ZonaWelfare.Modules.Bussola.Models;

namespace ZonaWelfare.Modules.Bussola.Drivers;

/// <summary>The rules of a service, for every document (editor, recipe, import).</summary>
internal sealed class ServicePartValidator(TimeProvider time) : ContentPartValidator<ServicePart>
{
    public override string ModuleId => BussolaModule.Id;

    protected override Task ValidateAsync(ServicePart part, PartProblems problems, CancellationToken cancellationToken)
    {
        if (part.Status is { } status && !BussolaRules.ServiceStates.Contains(status, StringComparer.Ordinal))
        {
            problems.Add(nameof(ServicePart.Status), $"Lo stato «{status}» non è previsto: usa {string.Join(", ", BussolaRules.ServiceStates.Select(s => $"«{s}»"))}.");
        }
        else if (part.Status is "non attivo" or "sospeso" && string.IsNullOrWhiteSpace(part.StatusReason))
        {
            problems.Add(nameof(ServicePart.StatusReason), $"Indica il motivo dello stato «{part.Status}»: i cittadini lo leggono sulla scheda.");
        }

        BussolaRules.Length(part.ShortDescription, BussolaRules.MaxShortText, nameof(ServicePart.ShortDescription), "Descrizione breve", problems);
        BussolaRules.Length(part.StatusReason, BussolaRules.MaxShortText, nameof(ServicePart.StatusReason), "Motivo dello stato", problems);
        foreach (var (property, label, text) in LongTexts(part))
        {
            BussolaRules.Length(text, BussolaRules.MaxLongText, property, label, problems);
        }

        foreach (var (property, label, text) in new[] { (nameof(ServicePart.Cost), "Quanto costa", part.Cost), (nameof(ServicePart.Area), "Area", part.Area), (nameof(ServicePart.AccessMode), "Modalità di accesso", part.AccessMode) })
        {
            BussolaRules.Length(text, BussolaRules.MaxListItem, property, label, problems);
        }

        BussolaRules.Contacts(part.Contacts, nameof(ServicePart.Contacts), problems);
        BussolaRules.List(part.Targets, nameof(ServicePart.Targets), "Destinatari", problems);
        BussolaRules.List(part.Languages, nameof(ServicePart.Languages), "Lingue", problems);
        BussolaRules.List(part.Keywords, nameof(ServicePart.Keywords), "Parole chiave", problems);
        if (part.LocationIds.Count > 100)
        {
            problems.Add(nameof(ServicePart.LocationIds), "Un servizio può avere al massimo 100 sedi.");
        }

        if (part.LocationIds.GroupBy(l => l, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } repeated)
        {
            problems.Add(nameof(ServicePart.LocationIds), $"La sede «{repeated.Key}» compare due volte.");
        }

        if (part.LastReviewed is { } reviewed)
        {
            if (!BussolaRules.IsDate(reviewed))
            {
                problems.Add(nameof(ServicePart.LastReviewed), $"La data dell'ultima revisione «{reviewed}» non è valida: usa aaaa-mm-gg (es. 2026-02-09).");
            }
            else if (DateOnly.ParseExact(reviewed, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) > DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).AddDays(1))
            {
                problems.Add(nameof(ServicePart.LastReviewed), "La data dell'ultima revisione non può essere nel futuro.");
            }
        }

        return Task.CompletedTask;
    }

    private static IEnumerable<(string Property, string Label, string? Text)> LongTexts(ServicePart part) =>
    [
        (nameof(ServicePart.WhoFor), "A chi si rivolge", part.WhoFor),
        (nameof(ServicePart.HowTo), "Come fare", part.HowTo),
        (nameof(ServicePart.WhatYouNeed), "Cosa serve", part.WhatYouNeed),
        (nameof(ServicePart.WhatYouGet), "Cosa si ottiene", part.WhatYouGet),
        (nameof(ServicePart.TimesAndDeadlines), "Tempi e scadenze", part.TimesAndDeadlines),
        (nameof(ServicePart.AccessChannel), "Canale di accesso", part.AccessChannel),
        (nameof(ServicePart.Conditions), "Condizioni di servizio", part.Conditions),
        (nameof(ServicePart.Accessibility), "Accessibilità", part.Accessibility),
    ];
}

/// <summary>The rules of an organization, for every document.</summary>
internal sealed class OrganizationPartValidator : ContentPartValidator<OrganizationPart>
{
    public override string ModuleId => BussolaModule.Id;

    protected override Task ValidateAsync(OrganizationPart part, PartProblems problems, CancellationToken cancellationToken)
    {
        if (part.Type is { } type && !BussolaRules.OrganizationTypes.Contains(type, StringComparer.Ordinal))
        {
            problems.Add(nameof(OrganizationPart.Type), $"Il tipo di ente «{type}» non è previsto: usa {string.Join(", ", BussolaRules.OrganizationTypes.Select(t => $"«{t}»"))}.");
        }

        BussolaRules.Length(part.Description, BussolaRules.MaxLongText, nameof(OrganizationPart.Description), "Descrizione", problems);
        BussolaRules.Contacts(part.Contacts, nameof(OrganizationPart.Contacts), problems);
        return Task.CompletedTask;
    }
}

/// <summary>The rules of a location, for every document: coordinates in range and together, opening hours well formed.</summary>
internal sealed class LocationPartValidator : ContentPartValidator<LocationPart>
{
    public override string ModuleId => BussolaModule.Id;

    protected override Task ValidateAsync(LocationPart part, PartProblems problems, CancellationToken cancellationToken)
    {
        if (part.Latitude is { } lat && (lat is < -90 or > 90 || !double.IsFinite(lat)))
        {
            problems.Add(nameof(LocationPart.Latitude), $"La latitudine {BussolaRules.Format(lat)} è fuori dall'intervallo -90…90.");
        }

        if (part.Longitude is { } lon && (lon is < -180 or > 180 || !double.IsFinite(lon)))
        {
            problems.Add(nameof(LocationPart.Longitude), $"La longitudine {BussolaRules.Format(lon)} è fuori dall'intervallo -180…180.");
        }

        if (part.Latitude is null != part.Longitude is null)
        {
            problems.Add(part.Latitude is null ? nameof(LocationPart.Latitude) : nameof(LocationPart.Longitude), "Indica latitudine e longitudine insieme, o nessuna delle due.");
        }

        BussolaRules.Length(part.Address, BussolaRules.MaxShortText, nameof(LocationPart.Address), "Indirizzo", problems);
        BussolaRules.Length(part.Accessibility, BussolaRules.MaxLongText, nameof(LocationPart.Accessibility), "Accessibilità", problems);
        for (var i = 0; i < part.OpeningHours.Count; i++)
        {
            var hours = part.OpeningHours[i];
            var row = $"{nameof(LocationPart.OpeningHours)}[{i}]";
            if (string.IsNullOrWhiteSpace(hours.Days))
            {
                problems.Add(row + "." + nameof(OpeningHours.Days), $"Orario {i + 1}: indica i giorni (es. «lunedì-venerdì»).");
            }

            foreach (var (value, property, label) in new[] { (hours.Opens, nameof(OpeningHours.Opens), "apertura"), (hours.Closes, nameof(OpeningHours.Closes), "chiusura") })
            {
                if (value is null)
                {
                    problems.Add(row + "." + property, $"Orario {i + 1}: indica l'ora di {label} (hh:mm).");
                }
                else if (!BussolaRules.IsTime(value))
                {
                    problems.Add(row + "." + property, $"Orario {i + 1}: l'ora di {label} «{value}» non è valida (hh:mm, es. 09:00).");
                }
            }

            // A closing time before the opening one runs past midnight (a night shelter, 20:00-08:30); the same time is a typo.
            if (hours.Opens is { } opens && hours.Closes is { } closes && BussolaRules.IsTime(opens) && string.Equals(opens, closes, StringComparison.Ordinal))
            {
                problems.Add(row + "." + nameof(OpeningHours.Closes), $"Orario {i + 1}: apertura e chiusura sono la stessa ora ({opens}).");
            }
        }

        return Task.CompletedTask;
    }
}
