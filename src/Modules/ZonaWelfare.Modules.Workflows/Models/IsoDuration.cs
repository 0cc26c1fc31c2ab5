using System.Globalization;
using System.Text.RegularExpressions;

namespace ZonaWelfare.Modules.Workflows.Models;

/// <summary>
/// An ISO 8601 duration such as <c>P12M</c>, <c>P1D</c>, <c>PT30M</c> or <c>-P7D</c> (seven days before): years and
/// months are calendar months, added in the zone's time zone, so «12 months after 31 January» is 31 January.
/// </summary>
internal readonly partial record struct IsoDuration(bool Negative, int Years, int Months, int Weeks, int Days, int Hours, int Minutes, int Seconds)
{
    public static bool TryParse(string? text, out IsoDuration duration)
    {
        duration = default;
        if (string.IsNullOrWhiteSpace(text) || Pattern().Match(text) is not { Success: true } m || m.Groups.Cast<Group>().Skip(2).All(g => !g.Success))
        {
            return false;
        }

        int Part(string name) => m.Groups[name].Success ? int.Parse(m.Groups[name].Value, CultureInfo.InvariantCulture) : 0;
        if (text.EndsWith('T'))
        {
            return false;
        }

        duration = new IsoDuration(m.Groups["neg"].Success, Part("y"), Part("mo"), Part("w"), Part("d"), Part("h"), Part("mi"), Part("s"));
        return true;
    }

    /// <summary>The moment this long after (or before, when negative) <paramref name="start"/>, in <paramref name="zone"/>'s calendar.</summary>
    public DateTimeOffset AddTo(DateTimeOffset start, TimeZoneInfo zone)
    {
        var sign = Negative ? -1 : 1;
        var local = TimeZoneInfo.ConvertTime(start, zone).DateTime;
        local = local.AddYears(sign * Years).AddMonths(sign * Months).AddDays(sign * ((Weeks * 7) + Days));
        var offset = zone.GetUtcOffset(local);
        var shifted = new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), offset);
        return shifted.AddHours(sign * Hours).AddMinutes(sign * Minutes).AddSeconds(sign * Seconds);
    }

    [GeneratedRegex(@"^(?<neg>-)?P(?:(?<y>\d{1,4})Y)?(?:(?<mo>\d{1,4})M)?(?:(?<w>\d{1,4})W)?(?:(?<d>\d{1,5})D)?(?:T(?:(?<h>\d{1,6})H)?(?:(?<mi>\d{1,7})M)?(?:(?<s>\d{1,9})S)?)?$")]
    private static partial Regex Pattern();
}

internal static class ZoneTime
{
    /// <summary>Italian zones' time zone: dates of fields and cron schedules are read in it.</summary>
    public static readonly TimeZoneInfo Rome = TimeZoneInfo.FindSystemTimeZoneById("Europe/Rome");
}
