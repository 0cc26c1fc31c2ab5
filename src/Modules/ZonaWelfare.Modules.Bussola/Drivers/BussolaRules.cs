using System.Globalization;
using System.Text.RegularExpressions;
using ZonaWelfare.Abstractions.Contents.Display;
using ZonaWelfare.Modules.Bussola.Models;

namespace ZonaWelfare.Modules.Bussola.Drivers;

/// <summary>Rules the Bussola's parts share, whoever writes them (editor, recipe, import). Messages are Italian.</summary>
internal static partial class BussolaRules
{
    public const int MaxShortText = 300;
    public const int MaxLongText = 20_000;
    public const int MaxListItems = 50;
    public const int MaxListItem = 100;

    public static readonly IReadOnlyList<string> ServiceStates = ["attivo", "non attivo", "sospeso"];

    public static readonly IReadOnlyList<string> OrganizationTypes = ["Comune", "ASL", "SdS", "ETS"];

    public static void Contacts(ContactInfo? contacts, string path, PartProblems problems)
    {
        if (contacts is null)
        {
            return;
        }

        if (!string.IsNullOrWhiteSpace(contacts.Phone) && !Phone().IsMatch(contacts.Phone.Trim()))
        {
            problems.Add(path + ".Phone", $"Il telefono «{contacts.Phone}» non è valido: usa cifre, spazi e al più un «+» iniziale (es. 0564 000 120).");
        }

        if (!string.IsNullOrWhiteSpace(contacts.Email) && !Email().IsMatch(contacts.Email.Trim()))
        {
            problems.Add(path + ".Email", $"L'indirizzo e-mail «{contacts.Email}» non è valido (es. sportello@comune.it).");
        }

        if (!string.IsNullOrWhiteSpace(contacts.Website) && !IsWebAddress(contacts.Website.Trim()))
        {
            problems.Add(path + ".Website", $"Il sito «{contacts.Website}» non è un indirizzo web: inizia con https:// (es. https://www.comune.it).");
        }
    }

    public static void Length(string? value, int max, string property, string label, PartProblems problems)
    {
        if (value is { Length: > 0 } && value.Length > max)
        {
            problems.Add(property, $"Il campo «{label}» può contenere al massimo {max.ToString("N0", Italian)} caratteri (ora ne contiene {value.Length.ToString("N0", Italian)}).");
        }
    }

    public static void List(IReadOnlyList<string> values, string property, string label, PartProblems problems)
    {
        if (values.Count > MaxListItems)
        {
            problems.Add(property, $"Il campo «{label}» può avere al massimo {MaxListItems} voci.");
        }

        if (values.FirstOrDefault(v => v.Length > MaxListItem) is { } tooLong)
        {
            problems.Add(property, $"La voce «{tooLong[..40]}…» del campo «{label}» supera i {MaxListItem} caratteri.");
        }

        if (values.GroupBy(v => v, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1) is { } repeated)
        {
            problems.Add(property, $"La voce «{repeated.Key}» del campo «{label}» compare due volte.");
        }
    }

    /// <summary>A date as <c>yyyy-MM-dd</c>.</summary>
    public static bool IsDate(string value) => DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    /// <summary>A time of day as <c>HH:mm</c>.</summary>
    public static bool IsTime(string value) => TimeOnly.TryParseExact(value, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    /// <summary>Reads a coordinate typed with a point or a comma; null when empty, NaN when not a number.</summary>
    public static double? Coordinate(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null
        : double.TryParse(text.Trim().Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) ? value
        : double.NaN;

    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Comma-separated words, trimmed, without empty ones, in order.</summary>
    public static List<string> Split(string? text) =>
        (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    public static string Join(IEnumerable<string> values) => string.Join(", ", values);

    public static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>Long texts keep their lines (newlines as in the stored text) but lose trailing blanks.</summary>
    public static string? CleanText(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();

    public static ContactInfo? Contacts(ContactModel model) =>
        Clean(model.Phone) is null && Clean(model.Email) is null && Clean(model.Website) is null
            ? null
            : new ContactInfo { Phone = Clean(model.Phone), Email = Clean(model.Email), Website = Clean(model.Website) };

    private static bool IsWebAddress(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Host.Contains('.', StringComparison.Ordinal);

    private static readonly CultureInfo Italian = CultureInfo.GetCultureInfo("it-IT");

    [GeneratedRegex(@"^\+?[0-9][0-9 ./()-]{3,28}[0-9]$")]
    private static partial Regex Phone();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$")]
    private static partial Regex Email();
}

/// <summary>The contact inputs of a service or an organization.</summary>
internal sealed class ContactModel
{
    [System.ComponentModel.DataAnnotations.Display(Name = "Telefono")]
    public string? Phone { get; set; }

    [System.ComponentModel.DataAnnotations.Display(Name = "E-mail")]
    public string? Email { get; set; }

    [System.ComponentModel.DataAnnotations.Display(Name = "Sito web")]
    public string? Website { get; set; }

    public static ContactModel From(ContactInfo? contacts) => new() { Phone = contacts?.Phone, Email = contacts?.Email, Website = contacts?.Website };
}
