using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using ZonaWelfare.Abstractions.Contents;
using ZonaWelfare.Abstractions.Contents.Display;
using ZonaWelfare.Abstractions.Search;
using ZonaWelfare.Modules.Bussola.Models;
using ZonaWelfare.Modules.Bussola.Services;

namespace ZonaWelfare.Modules.Bussola.Drivers;

/// <summary>
/// Edits and shows a service: the 13 items of the Designers Italia service page, grouped as the public page
/// shows them, plus the HSDS data (targets, access, cost, languages, accessibility, last review). Long texts are
/// markdown; the organization and the locations are picked among the zone's items that carry their parts.
/// </summary>
internal sealed class ServicePartDriver(ServiceReader reader, IContentQuery query, IContentManager contents, ISearchService search)
    : ContentPartDriver<ServicePart, ServicePartDriver.EditModel>
{
    /// <summary>Items offered in a picker before the editor has to search.</summary>
    private const int PickerOptions = 300;

    public override string ModuleId => BussolaModule.Id;

    protected override string? EditorTitle => "Scheda del servizio";

    protected override string EditorView => "~/Views/Bussola/Parts/ServicePart.Edit.cshtml";

    protected override async Task<EditModel> BuildEditorAsync(ServicePart part, PartEditorContext context, CancellationToken cancellationToken)
    {
        var model = new EditModel
        {
            Status = part.Status,
            StatusReason = part.StatusReason,
            ShortDescription = part.ShortDescription,
            WhoFor = part.WhoFor,
            HowTo = part.HowTo,
            WhatYouNeed = part.WhatYouNeed,
            WhatYouGet = part.WhatYouGet,
            TimesAndDeadlines = part.TimesAndDeadlines,
            AccessChannel = part.AccessChannel,
            Conditions = part.Conditions,
            Cost = part.Cost,
            Contacts = ContactModel.From(part.Contacts),
            OrganizationId = part.OrganizationId,
            LocationIds = [.. part.LocationIds],
            Area = part.Area,
            Targets = [.. part.Targets],
            AccessMode = part.AccessMode,
            Languages = BussolaRules.Join(part.Languages),
            Accessibility = part.Accessibility,
            LastReviewed = part.LastReviewed,
            Keywords = BussolaRules.Join(part.Keywords),
        };
        return await CompleteEditorAsync(model, part, context, cancellationToken);
    }

    protected override async Task UpdatePartAsync(ServicePart part, EditModel model, PartUpdateContext context, CancellationToken cancellationToken)
    {
        part.Status = BussolaRules.Clean(model.Status);
        part.StatusReason = BussolaRules.CleanText(model.StatusReason);
        part.ShortDescription = BussolaRules.CleanText(model.ShortDescription);
        part.WhoFor = BussolaRules.CleanText(model.WhoFor);
        part.HowTo = BussolaRules.CleanText(model.HowTo);
        part.WhatYouNeed = BussolaRules.CleanText(model.WhatYouNeed);
        part.WhatYouGet = BussolaRules.CleanText(model.WhatYouGet);
        part.TimesAndDeadlines = BussolaRules.CleanText(model.TimesAndDeadlines);
        part.AccessChannel = BussolaRules.CleanText(model.AccessChannel);
        part.Conditions = BussolaRules.CleanText(model.Conditions);
        part.Cost = BussolaRules.Clean(model.Cost);
        part.Contacts = BussolaRules.Contacts(model.Contacts);
        part.OrganizationId = BussolaRules.Clean(model.OrganizationId);
        part.LocationIds = model.LocationIds.Where(id => !string.IsNullOrWhiteSpace(id)).Distinct(StringComparer.Ordinal).ToList();
        part.Area = BussolaRules.Clean(model.Area);
        part.Targets = model.Targets.Concat(BussolaRules.Split(model.OtherTargets)).Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        part.AccessMode = BussolaRules.Clean(model.AccessMode);
        part.Languages = BussolaRules.Split(model.Languages);
        part.Accessibility = BussolaRules.CleanText(model.Accessibility);
        part.LastReviewed = BussolaRules.Clean(model.LastReviewed);
        part.Keywords = BussolaRules.Split(model.Keywords);

        // What only the editor can check: the picked items exist and are what the picker offered.
        var picked = await contents.GetManyAsync(part.LocationIds.Append(part.OrganizationId ?? ""), VersionOptions.Latest, cancellationToken);
        var byId = picked.ToDictionary(i => i.ContentItemId, StringComparer.Ordinal);
        if (part.OrganizationId is { } organizationId && (byId.GetValueOrDefault(organizationId) is not { } organization || !organization.Has<OrganizationPart>()))
        {
            context.AddError(nameof(EditModel.OrganizationId), "L'ente scelto non esiste più: scegline un altro.");
        }

        foreach (var locationId in part.LocationIds.Where(id => byId.GetValueOrDefault(id) is not { } location || !location.Has<LocationPart>()))
        {
            context.AddError(nameof(EditModel.LocationIds), $"La sede «{locationId}» non esiste più: toglila dall'elenco.");
        }
    }

    protected override async Task<EditModel> CompleteEditorAsync(EditModel posted, ServicePart part, PartEditorContext context, CancellationToken cancellationToken)
    {
        posted.Organizations = await OptionsAsync(await reader.OrganizationTypesAsync(cancellationToken), posted.OrganizationId is { Length: > 0 } id ? [id] : [], cancellationToken);
        posted.Locations = await OptionsAsync(await reader.LocationTypesAsync(cancellationToken), posted.LocationIds, cancellationToken);
        var types = await reader.ServiceTypesAsync(cancellationToken);
        var facets = (await search.SearchAsync(new SearchQuery { Types = types, Facets = ["area", "target", "accessMode", "cost"], PageSize = 1 }, cancellationToken)).Facets;
        IReadOnlyList<string> Values(string field) => facets.TryGetValue(field, out var values) ? values.Select(v => v.Value).Order(StringComparer.CurrentCulture).ToList() : [];
        posted.AreaOptions = Values("area");
        posted.AccessModeOptions = Values("accessMode");
        posted.CostOptions = Values("cost");
        // The service's own targets first, in their order, so saving unchanged keeps it.
        posted.TargetOptions = posted.Targets.Concat(Values("target")).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        posted.Missing = ServiceSections.Missing(part).Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        return posted;
    }

    protected override async Task<PartDisplay?> BuildDisplayAsync(ServicePart part, ContentItem item, PartDisplayContext context, CancellationToken cancellationToken) =>
        await reader.ViewAsync(item, cancellationToken) is { } view
            ? new PartDisplay(PartName, "~/Views/Bussola/Parts/ServicePart.Display.cshtml", view)
            {
                HeadViewName = "~/Views/Bussola/Parts/ServicePart.Head.cshtml",
                Breadcrumb = [new BreadcrumbLink("Bussola dei servizi", "bussola")],
                PlacesSlots = [ContentDisplaySlots.Fields],
            }
            : null;

    protected override PartSummary? Summarize(ServicePart part, ContentItem item)
    {
        var missing = ServiceSections.Missing(part);
        var filled = ServiceSections.All.Count - missing.Count;
        return new PartSummary($"{filled} di {ServiceSections.All.Count} sezioni compilate", missing.Select(s => s.Title).ToList(), missing.Count == 0);
    }

    /// <summary>The chosen items first, in their order, then the others by title.</summary>
    private async Task<IReadOnlyList<ContentItemSummary>> OptionsAsync(IReadOnlyList<string> types, IReadOnlyList<string> chosen, CancellationToken cancellationToken)
    {
        var offered = await query.FindAsync(types, null, PickerOptions, cancellationToken);
        var byId = offered.ToDictionary(o => o.ContentItemId, StringComparer.Ordinal);
        var missing = chosen.Where(id => !byId.ContainsKey(id)).ToList();
        if (missing.Count > 0)
        {
            foreach (var item in await contents.GetManyAsync(missing, VersionOptions.Latest, cancellationToken))
            {
                byId[item.ContentItemId] = new ContentItemSummary(item.ContentItemId, item.ContentType, item.DisplayText, item.Published);
            }
        }

        var first = chosen.Where(byId.ContainsKey).Select(id => byId[id]).ToList();
        return [.. first, .. offered.Where(o => !chosen.Contains(o.ContentItemId, StringComparer.Ordinal))];
    }

    /// <summary>The inputs of the service editor; the lists at the end are the editor's lookups, never posted.</summary>
    internal sealed class EditModel
    {
        [Display(Name = "Stato del servizio")]
        public string? Status { get; set; }

        [Display(Name = "Motivo dello stato")]
        public string? StatusReason { get; set; }

        [Display(Name = "Descrizione breve")]
        public string? ShortDescription { get; set; }

        [Display(Name = "A chi si rivolge")]
        public string? WhoFor { get; set; }

        [Display(Name = "Come fare")]
        public string? HowTo { get; set; }

        [Display(Name = "Cosa serve")]
        public string? WhatYouNeed { get; set; }

        [Display(Name = "Cosa si ottiene")]
        public string? WhatYouGet { get; set; }

        [Display(Name = "Tempi e scadenze")]
        public string? TimesAndDeadlines { get; set; }

        [Display(Name = "Canale di accesso")]
        public string? AccessChannel { get; set; }

        [Display(Name = "Condizioni di servizio")]
        public string? Conditions { get; set; }

        [Display(Name = "Quanto costa")]
        public string? Cost { get; set; }

        public ContactModel Contacts { get; set; } = new();

        [Display(Name = "Ente responsabile")]
        public string? OrganizationId { get; set; }

        [Display(Name = "Sedi")]
        public List<string> LocationIds { get; set; } = [];

        [Display(Name = "Area")]
        public string? Area { get; set; }

        [Display(Name = "Destinatari")]
        public List<string> Targets { get; set; } = [];

        [Display(Name = "Altri destinatari")]
        public string? OtherTargets { get; set; }

        [Display(Name = "Modalità di accesso")]
        public string? AccessMode { get; set; }

        [Display(Name = "Lingue")]
        public string? Languages { get; set; }

        [Display(Name = "Accessibilità")]
        public string? Accessibility { get; set; }

        [Display(Name = "Ultima revisione")]
        public string? LastReviewed { get; set; }

        [Display(Name = "Parole chiave")]
        public string? Keywords { get; set; }

        [BindNever]
        public IReadOnlyList<ContentItemSummary> Organizations { get; set; } = [];

        [BindNever]
        public IReadOnlyList<ContentItemSummary> Locations { get; set; } = [];

        [BindNever]
        public IReadOnlyList<string> AreaOptions { get; set; } = [];

        [BindNever]
        public IReadOnlyList<string> TargetOptions { get; set; } = [];

        [BindNever]
        public IReadOnlyList<string> AccessModeOptions { get; set; } = [];

        [BindNever]
        public IReadOnlyList<string> CostOptions { get; set; } = [];

        /// <summary>Ids of the sections (<see cref="ServiceSections"/>) the stored service leaves empty.</summary>
        [BindNever]
        public IReadOnlySet<string> Missing { get; set; } = new HashSet<string>();
    }
}
