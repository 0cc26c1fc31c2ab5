namespace ZonaWelfare.Modules.Contents.Services;

/// <summary>A problem with an item's value; <see cref="Key"/> is its path in the item, e.g. <c>parts.TitlePart.title</c> or <c>fields.Corpo</c>.</summary>
internal sealed record ContentProblem(string Key, string Message)
{
    public static string PartKey(string part, string property) => $"parts.{part}.{property}";

    public static string FieldKey(string field) => $"fields.{field}";
}

/// <summary>A content operation refused; the message is meant for the user (Italian).</summary>
internal class ContentException(string message) : Exception(message);

/// <summary>The item does not pass its type's validation; nothing was written.</summary>
internal sealed class ContentValidationException(IReadOnlyList<ContentProblem> problems)
    : ContentException(string.Join(" ", problems.Select(p => p.Message)))
{
    public IReadOnlyList<ContentProblem> Problems { get; } = problems;
}

/// <summary>Someone else saved the item after the editor loaded it.</summary>
internal sealed class ContentConcurrencyException(string message) : ContentException(message);
