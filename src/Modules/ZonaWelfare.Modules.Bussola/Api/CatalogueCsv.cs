using System.Globalization;
using CsvHelper;
using ZonaWelfare.Modules.Bussola.Services;

namespace ZonaWelfare.Modules.Bussola.Api;

/// <summary>One published service as a row of the catalogue's CSV export; columns are named in Italian for the people who open it.</summary>
[CsvRecord]
internal sealed partial class ServiceCsvRow
{
    /// <summary>Separator of the values in multi-valued columns (destinatari, comuni, sedi, lingue).</summary>
    public const string ListSeparator = " | ";

    [CsvColumn("id")]
    public string Id { get; set; } = "";

    [CsvColumn("nome")]
    public string Name { get; set; } = "";

    [CsvColumn("descrizione")]
    public string? Description { get; set; }

    [CsvColumn("area")]
    public string? Area { get; set; }

    [CsvColumn("destinatari")]
    public string? Targets { get; set; }

    [CsvColumn("modalita_accesso")]
    public string? AccessMode { get; set; }

    [CsvColumn("stato")]
    public string? Status { get; set; }

    [CsvColumn("ente_id")]
    public string? OrganizationId { get; set; }

    [CsvColumn("ente")]
    public string? Organization { get; set; }

    [CsvColumn("comuni")]
    public string? Comuni { get; set; }

    [CsvColumn("sedi")]
    public string? Locations { get; set; }

    [CsvColumn("telefono")]
    public string? Phone { get; set; }

    [CsvColumn("email")]
    public string? Email { get; set; }

    [CsvColumn("sito_web")]
    public string? Website { get; set; }

    [CsvColumn("costo")]
    public string? Cost { get; set; }

    [CsvColumn("lingue")]
    public string? Languages { get; set; }

    [CsvColumn("ultima_revisione")]
    public string? LastReviewed { get; set; }

    [CsvColumn("ultima_modifica")]
    public string LastModified { get; set; } = "";

    [CsvColumn("pagina_web")]
    public string? WebUrl { get; set; }

    public static ServiceCsvRow From(ServiceView view, ApiLinks links)
    {
        var service = view.Service;
        return new ServiceCsvRow
        {
            Id = view.Item.ContentItemId,
            Name = view.Title,
            Description = service.ShortDescription,
            Area = service.Area,
            Targets = Join(service.Targets),
            AccessMode = service.AccessMode,
            Status = service.Status,
            OrganizationId = service.OrganizationId,
            Organization = view.Organization?.DisplayText,
            Comuni = Join(view.Comuni),
            Locations = Join(view.Locations.Select(l => string.Join(", ", new[] { l.Item.DisplayText, l.Location.Address, l.Location.Comune }.Where(p => !string.IsNullOrWhiteSpace(p))))),
            Phone = service.Contacts?.Phone,
            Email = service.Contacts?.Email,
            Website = service.Contacts?.Website,
            Cost = service.Cost,
            Languages = Join(service.Languages),
            LastReviewed = service.LastReviewed,
            LastModified = HsdsMapping.Utc(view.Item.ModifiedUtc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            WebUrl = links.ServicePage(view.Path),
        };
    }

    private static string? Join(IEnumerable<string> values)
    {
        var list = values.Where(v => !string.IsNullOrWhiteSpace(v)).ToList();
        return list.Count == 0 ? null : string.Join(ListSeparator, list);
    }
}

/// <summary>
/// The catalogue as CSV for spreadsheets: UTF-8 with a byte order mark (Excel then reads the accents),
/// semicolons (what Excel expects in an Italian locale, as the zone's other CSV files), RFC 4180
/// quoting, and text cells that a spreadsheet would run as a formula escaped with a quote.
/// </summary>
internal static class CatalogueCsv
{
    public const string ContentType = "text/csv; charset=utf-8";

    private static readonly CsvWriterOptions Options = new()
    {
        Separator = ';',
        WriteByteOrderMark = true,
        Injection = CsvInjection.Escape,
    };

    public static async Task<byte[]> WriteAsync(IEnumerable<ServiceView> services, ApiLinks links, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await using (var csv = CsvWriter.Create(buffer, Options, leaveOpen: true))
        {
            await csv.WriteRecordsAsync(services.Select(s => ServiceCsvRow.From(s, links)), cancellationToken);
        }

        return buffer.ToArray();
    }
}
