namespace ZonaWelfare.Abstractions.Settings;

/// <summary>The <c>site</c> settings section: how a zone presents itself to citizens.</summary>
public sealed class SiteSettings
{
    public const string SectionName = "site";

    /// <summary>Body that runs the zone's planning, e.g. "COeSO – Società della Salute dell'Area Grossetana".</summary>
    public string? Organization { get; set; }

    /// <summary>One line under the zone name in the header.</summary>
    public string? Tagline { get; set; }

    /// <summary>A paragraph on the zone home page.</summary>
    public string? Description { get; set; }

    public string? Email { get; set; }

    public string? Phone { get; set; }

    public string? Address { get; set; }

    /// <summary>The body's own site: http(s) only in practice; anything else is refused (see <see cref="SafeUrl"/>).</summary>
    [SafeUrl]
    public string? Website { get; set; }
}
