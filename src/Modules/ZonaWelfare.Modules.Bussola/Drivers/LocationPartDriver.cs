using System.ComponentModel.DataAnnotations;
using ZonaWelfare.Abstractions.Contents;
using ZonaWelfare.Abstractions.Contents.Display;
using ZonaWelfare.Abstractions.Zones;
using ZonaWelfare.Modules.Bussola.Models;

namespace ZonaWelfare.Modules.Bussola.Drivers;

/// <summary>
/// Edits and shows a location (Sede): address, comune from the zone's list, coordinates (checked), opening
/// hours as rows of days and times, accessibility.
/// </summary>
internal sealed class LocationPartDriver(IZoneContext zone) : ContentPartDriver<LocationPart, LocationPartDriver.EditModel>
{
    /// <summary>Empty rows offered under the opening hours, to add new ones.</summary>
    private const int BlankHourRows = 2;

    public override string ModuleId => BussolaModule.Id;

    protected override string? EditorTitle => "Sede";

    protected override string EditorView => "~/Views/Bussola/Parts/LocationPart.Edit.cshtml";

    protected override Task<EditModel> BuildEditorAsync(LocationPart part, PartEditorContext context, CancellationToken cancellationToken)
    {
        var model = new EditModel
        {
            Address = part.Address,
            Comune = part.Comune,
            Latitude = part.Latitude is { } lat ? BussolaRules.Format(lat) : null,
            Longitude = part.Longitude is { } lon ? BussolaRules.Format(lon) : null,
            OpeningHours = part.OpeningHours.Select(h => new HoursModel { Days = h.Days, Opens = h.Opens, Closes = h.Closes }).ToList(),
            Accessibility = part.Accessibility,
        };
        return CompleteEditorAsync(model, part, context, cancellationToken);
    }

    protected override Task UpdatePartAsync(LocationPart part, EditModel model, PartUpdateContext context, CancellationToken cancellationToken)
    {
        part.Address = BussolaRules.Clean(model.Address);
        part.Comune = BussolaRules.Clean(model.Comune);
        part.Accessibility = BussolaRules.CleanText(model.Accessibility);
        var latitude = BussolaRules.Coordinate(model.Latitude);
        var longitude = BussolaRules.Coordinate(model.Longitude);
        if (latitude is double.NaN)
        {
            context.AddError(nameof(EditModel.Latitude), $"La latitudine «{model.Latitude}» non è un numero: usa i gradi decimali, es. 42.7667.");
        }

        if (longitude is double.NaN)
        {
            context.AddError(nameof(EditModel.Longitude), $"La longitudine «{model.Longitude}» non è un numero: usa i gradi decimali, es. 11.1119.");
        }

        part.Latitude = latitude is double.NaN ? null : latitude;
        part.Longitude = longitude is double.NaN ? null : longitude;
        if (part.Comune is { } comune && zone.Current.Comuni.Count > 0 && !zone.Current.Comuni.Contains(comune, StringComparer.Ordinal))
        {
            context.AddError(nameof(EditModel.Comune), $"Il comune «{comune}» non è tra quelli della zona: scegline uno dall'elenco.");
        }

        part.OpeningHours = model.OpeningHours
            .Where(h => !string.IsNullOrWhiteSpace(h.Days) || !string.IsNullOrWhiteSpace(h.Opens) || !string.IsNullOrWhiteSpace(h.Closes))
            .Select(h => new OpeningHours { Days = BussolaRules.Clean(h.Days), Opens = BussolaRules.Clean(h.Opens), Closes = BussolaRules.Clean(h.Closes) })
            .ToList();
        return Task.CompletedTask;
    }

    protected override Task<EditModel> CompleteEditorAsync(EditModel posted, LocationPart part, PartEditorContext context, CancellationToken cancellationToken)
    {
        // The zone's comuni, and the stored one if the zone's list no longer has it (so it is not lost unseen).
        posted.ComuneOptions = zone.Current.Comuni.Concat(posted.Comune is { Length: > 0 } c ? [c] : []).Distinct(StringComparer.Ordinal).ToList();
        var rows = posted.OpeningHours.Where(h => !string.IsNullOrWhiteSpace(h.Days) || !string.IsNullOrWhiteSpace(h.Opens) || !string.IsNullOrWhiteSpace(h.Closes)).ToList();
        rows.AddRange(Enumerable.Range(0, BlankHourRows).Select(_ => new HoursModel()));
        posted.OpeningHours = rows;
        return Task.FromResult(posted);
    }

    protected override Task<PartDisplay?> BuildDisplayAsync(LocationPart part, ContentItem item, PartDisplayContext context, CancellationToken cancellationToken) =>
        Task.FromResult<PartDisplay?>(new PartDisplay(PartName, "~/Views/Bussola/Parts/LocationPart.Display.cshtml", part));

    internal sealed class EditModel
    {
        [Display(Name = "Indirizzo")]
        public string? Address { get; set; }

        [Display(Name = "Comune")]
        public string? Comune { get; set; }

        /// <summary>Text, so a comma or a point both work whatever the request's culture.</summary>
        [Display(Name = "Latitudine")]
        public string? Latitude { get; set; }

        [Display(Name = "Longitudine")]
        public string? Longitude { get; set; }

        public List<HoursModel> OpeningHours { get; set; } = [];

        [Display(Name = "Accessibilità della sede")]
        public string? Accessibility { get; set; }

        [Microsoft.AspNetCore.Mvc.ModelBinding.BindNever]
        public IReadOnlyList<string> ComuneOptions { get; set; } = [];
    }

    internal sealed class HoursModel
    {
        [Display(Name = "Giorni")]
        public string? Days { get; set; }

        [Display(Name = "Apertura")]
        public string? Opens { get; set; }

        [Display(Name = "Chiusura")]
        public string? Closes { get; set; }
    }
}
