using System.Globalization;

namespace ZonaWelfare.Modules.Bussola.Services;

/// <summary>
/// The limits of what a citizen may search for, the same on the page and in the API: a whole search of at most
/// 200 characters, words of at most 40 (no Italian word is longer; a longer one only makes typo matching slow).
/// </summary>
internal static class SearchText
{
    public const int MaxLength = 200;
    public const int MaxWordLength = 40;

    /// <summary>Why the text cannot be searched (Italian), or null when it can.</summary>
    public static string? Problem(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var trimmed = text.Trim();
        if (trimmed.Length > MaxLength)
        {
            return string.Create(CultureInfo.InvariantCulture, $"La ricerca può contenere al massimo {MaxLength} caratteri (ora ne contiene {trimmed.Length}): usa meno parole.");
        }

        return trimmed.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(w => w.Length > MaxWordLength) is { } word
            ? string.Create(CultureInfo.InvariantCulture, $"La parola «{word[..20]}…» è troppo lunga: una parola può avere al massimo {MaxWordLength} caratteri.")
            : null;
    }
}
