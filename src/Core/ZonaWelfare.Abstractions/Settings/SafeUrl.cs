using System.ComponentModel.DataAnnotations;

namespace ZonaWelfare.Abstractions.Settings;

/// <summary>
/// The only addresses the platform turns into links from settings or content: absolute http(s), mailto and tel.
/// A <c>javascript:</c> or <c>data:</c> address is refused where it is entered and never rendered as a link.
/// </summary>
public static class SafeUrl
{
    public const string Message = "Indirizzo non valido: sono ammessi solo indirizzi http://, https://, mailto: e tel:.";

    public static bool IsAllowed(string? value) =>
        value is { Length: > 0 }
        && Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri)
        && uri.Scheme is "http" or "https" or "mailto" or "tel"
        && (uri.Scheme is "mailto" or "tel" || uri.Host.Length > 0);
}

/// <summary>A settings or model property that must be a <see cref="SafeUrl"/> when set.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SafeUrlAttribute : ValidationAttribute
{
    public SafeUrlAttribute()
        : base(SafeUrl.Message)
    {
    }

    public override bool IsValid(object? value) => value is null || (value is string s && (s.Length == 0 || SafeUrl.IsAllowed(s)));
}
