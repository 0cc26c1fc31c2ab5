using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ZonaWelfare.Abstractions.Contents;

namespace ZonaWelfare.Modules.Workflows.Models;

/// <summary>
/// A typed condition on the item's fields: one comparison (<see cref="Field"/>, <see cref="Operator"/>,
/// <see cref="Value"/>), or a combination (<see cref="All"/>, <see cref="Any"/>, <see cref="Not"/>). Checked against
/// the content type when the workflow type is saved and evaluated as data, never as a script.
/// </summary>
internal sealed record Condition
{
    public string? Field { get; init; }

    public ConditionOperator? Operator { get; init; }

    public JsonNode? Value { get; init; }

    public IReadOnlyList<Condition>? All { get; init; }

    public IReadOnlyList<Condition>? Any { get; init; }

    public Condition? Not { get; init; }
}

internal enum ConditionOperator
{
    Equals,
    NotEquals,
    Contains,
    StartsWith,
    GreaterThan,
    GreaterOrEqual,
    LessThan,
    LessOrEqual,
    Before,
    After,
    IsEmpty,
    IsNotEmpty,
    IsTrue,
    IsFalse,
}

internal static class Conditions
{
    private static readonly ConditionOperator[] TextOperators =
        [ConditionOperator.Equals, ConditionOperator.NotEquals, ConditionOperator.Contains, ConditionOperator.StartsWith, ConditionOperator.IsEmpty, ConditionOperator.IsNotEmpty];

    private static readonly ConditionOperator[] NumberOperators =
        [ConditionOperator.Equals, ConditionOperator.NotEquals, ConditionOperator.GreaterThan, ConditionOperator.GreaterOrEqual, ConditionOperator.LessThan, ConditionOperator.LessOrEqual, ConditionOperator.IsEmpty, ConditionOperator.IsNotEmpty];

    private static readonly ConditionOperator[] DateOperators =
        [ConditionOperator.Equals, ConditionOperator.NotEquals, ConditionOperator.Before, ConditionOperator.After, ConditionOperator.IsEmpty, ConditionOperator.IsNotEmpty];

    private static readonly ConditionOperator[] BooleanOperators = [ConditionOperator.IsTrue, ConditionOperator.IsFalse];

    private static readonly ConditionOperator[] ListOperators = [ConditionOperator.Contains, ConditionOperator.IsEmpty, ConditionOperator.IsNotEmpty];

    private static readonly ConditionOperator[] PresenceOperators = [ConditionOperator.IsEmpty, ConditionOperator.IsNotEmpty];

    /// <summary>The operators that fit a kind of field.</summary>
    public static IReadOnlyList<ConditionOperator> OperatorsFor(ContentFieldType type) => type switch
    {
        ContentFieldType.Text or ContentFieldType.Markdown or ContentFieldType.Link => TextOperators,
        ContentFieldType.Number => NumberOperators,
        ContentFieldType.Date => DateOperators,
        ContentFieldType.Boolean => BooleanOperators,
        ContentFieldType.Taxonomy or ContentFieldType.ContentPicker => ListOperators,
        _ => PresenceOperators,
    };

    public static string Describe(ConditionOperator op) => op switch
    {
        ConditionOperator.Equals => "è uguale a",
        ConditionOperator.NotEquals => "è diverso da",
        ConditionOperator.Contains => "contiene",
        ConditionOperator.StartsWith => "inizia con",
        ConditionOperator.GreaterThan => "è maggiore di",
        ConditionOperator.GreaterOrEqual => "è almeno",
        ConditionOperator.LessThan => "è minore di",
        ConditionOperator.LessOrEqual => "è al massimo",
        ConditionOperator.Before => "è prima del",
        ConditionOperator.After => "è dopo il",
        ConditionOperator.IsEmpty => "è vuoto",
        ConditionOperator.IsNotEmpty => "è compilato",
        ConditionOperator.IsTrue => "è sì",
        ConditionOperator.IsFalse => "è no",
        _ => op.ToString(),
    };

    private static bool NeedsValue(ConditionOperator op) =>
        op is not (ConditionOperator.IsEmpty or ConditionOperator.IsNotEmpty or ConditionOperator.IsTrue or ConditionOperator.IsFalse);

    /// <summary>
    /// Checks <paramref name="condition"/> against the types the workflow's items can be of; reports each problem
    /// with its path (under <paramref name="path"/>) and an Italian message.
    /// </summary>
    public static void Validate(Condition? condition, string path, IReadOnlyList<ContentTypeInfo> types, Action<string, string> report)
    {
        if (condition is null)
        {
            report(path, "manca la condizione.");
            return;
        }

        var forms = (condition.Field is not null || condition.Operator is not null ? 1 : 0) + (condition.All is not null ? 1 : 0) + (condition.Any is not null ? 1 : 0) + (condition.Not is not null ? 1 : 0);
        if (forms != 1)
        {
            report(path, "una condizione è un confronto (field, operator, value) oppure una combinazione (all, any, not): una sola forma.");
            return;
        }

        if (condition.All is { } all || condition.Any is { } _)
        {
            var list = condition.All ?? condition.Any!;
            var name = condition.All is not null ? "all" : "any";
            if (list.Count == 0)
            {
                report($"{path}.{name}", "la combinazione non ha condizioni.");
            }

            for (var i = 0; i < list.Count; i++)
            {
                Validate(list[i], $"{path}.{name}[{i}]", types, report);
            }

            return;
        }

        if (condition.Not is { } not)
        {
            Validate(not, $"{path}.not", types, report);
            return;
        }

        if (string.IsNullOrWhiteSpace(condition.Field))
        {
            report($"{path}.field", "manca il campo da confrontare.");
            return;
        }

        if (condition.Operator is not { } op)
        {
            report($"{path}.operator", "manca l'operatore.");
            return;
        }

        if (types.Count == 0)
        {
            report($"{path}.field", $"il campo «{condition.Field}» non si può verificare: l'evento di partenza deve indicare il tipo di contenuto (contentTypes).");
            return;
        }

        foreach (var type in types)
        {
            if (type.Field(condition.Field) is not { } field)
            {
                var known = type.Fields.Count == 0 ? "nessuno" : string.Join(", ", type.Fields.Select(f => f.Name));
                report($"{path}.field", $"il campo «{condition.Field}» non esiste nel tipo «{type.DisplayName}» (campi: {known}).");
                continue;
            }

            var allowed = OperatorsFor(field.Type);
            if (!allowed.Contains(op))
            {
                report($"{path}.operator", $"l'operatore «{Describe(op)}» non si applica al campo «{field.DisplayName}» ({KindName(field.Type)}); si può usare: {string.Join(", ", allowed.Select(Describe))}.");
                continue;
            }

            if (!NeedsValue(op))
            {
                if (condition.Value is not null)
                {
                    report($"{path}.value", $"l'operatore «{Describe(op)}» non vuole un valore.");
                }

                continue;
            }

            if (ValueProblem(field, condition.Value) is { } problem)
            {
                report($"{path}.value", problem);
            }
        }
    }

    private static string? ValueProblem(ContentFieldInfo field, JsonNode? value)
    {
        if (value is null)
        {
            return $"manca il valore da confrontare con «{field.DisplayName}».";
        }

        return field.Type switch
        {
            ContentFieldType.Number when !TryNumber(value, out _) => $"il valore per «{field.DisplayName}» deve essere un numero.",
            ContentFieldType.Date when !TryDate(value, out _) => $"il valore per «{field.DisplayName}» deve essere una data AAAA-MM-GG.",
            ContentFieldType.Number or ContentFieldType.Date => null,
            _ when value.GetValueKind() != JsonValueKind.String => $"il valore per «{field.DisplayName}» deve essere un testo.",
            _ => null,
        };
    }

    public static string KindName(ContentFieldType type) => type switch
    {
        ContentFieldType.Text => "testo",
        ContentFieldType.Markdown => "testo lungo",
        ContentFieldType.Number => "numero",
        ContentFieldType.Date => "data",
        ContentFieldType.Boolean => "sì/no",
        ContentFieldType.Link => "collegamento",
        ContentFieldType.Taxonomy => "tassonomia",
        ContentFieldType.ContentPicker => "contenuti collegati",
        ContentFieldType.Media => "file",
        _ => type.ToString(),
    };

    /// <summary>Evaluates a validated condition on an item's latest version (a missing item or field is empty).</summary>
    public static bool Evaluate(Condition condition, ContentItem? item)
    {
        if (condition.All is { } all)
        {
            return all.All(c => Evaluate(c, item));
        }

        if (condition.Any is { } any)
        {
            return any.Any(c => Evaluate(c, item));
        }

        if (condition.Not is { } not)
        {
            return !Evaluate(not, item);
        }

        var value = item?.Field(condition.Field!);
        var op = condition.Operator!.Value;
        var empty = IsEmpty(value);
        switch (op)
        {
            case ConditionOperator.IsEmpty:
                return empty;
            case ConditionOperator.IsNotEmpty:
                return !empty;
            case ConditionOperator.IsTrue:
                return value is JsonValue t && t.GetValueKind() == JsonValueKind.True;
            case ConditionOperator.IsFalse:
                return !(value is JsonValue f && f.GetValueKind() == JsonValueKind.True);
        }

        if (empty)
        {
            return op == ConditionOperator.NotEquals;
        }

        if (value is JsonArray array)
        {
            var wanted = condition.Value!.GetValue<string>();
            return op == ConditionOperator.Contains && array.Any(v => TextOf(v) == wanted);
        }

        if (TryNumber(value!, out var number) && TryNumber(condition.Value!, out var other) && value!.GetValueKind() == JsonValueKind.Number)
        {
            return op switch
            {
                ConditionOperator.Equals => number == other,
                ConditionOperator.NotEquals => number != other,
                ConditionOperator.GreaterThan => number > other,
                ConditionOperator.GreaterOrEqual => number >= other,
                ConditionOperator.LessThan => number < other,
                ConditionOperator.LessOrEqual => number <= other,
                _ => false,
            };
        }

        if (op is ConditionOperator.Before or ConditionOperator.After || (TryDate(value!, out _) && TryDate(condition.Value!, out _)))
        {
            if (TryDate(value!, out var date) && TryDate(condition.Value!, out var limit))
            {
                return op switch
                {
                    ConditionOperator.Equals => date == limit,
                    ConditionOperator.NotEquals => date != limit,
                    ConditionOperator.Before => date < limit,
                    ConditionOperator.After => date > limit,
                    _ => false,
                };
            }

            return false;
        }

        var text = TextOf(value) ?? "";
        var expected = TextOf(condition.Value) ?? "";
        return op switch
        {
            ConditionOperator.Equals => string.Equals(text, expected, StringComparison.OrdinalIgnoreCase),
            ConditionOperator.NotEquals => !string.Equals(text, expected, StringComparison.OrdinalIgnoreCase),
            ConditionOperator.Contains => text.Contains(expected, StringComparison.CurrentCultureIgnoreCase),
            ConditionOperator.StartsWith => text.StartsWith(expected, StringComparison.CurrentCultureIgnoreCase),
            _ => false,
        };
    }

    private static bool IsEmpty(JsonNode? value) => value switch
    {
        null => true,
        JsonArray array => array.Count == 0,
        JsonObject link => string.IsNullOrWhiteSpace(TextOf(link)),
        JsonValue v when v.GetValueKind() == JsonValueKind.String => string.IsNullOrWhiteSpace(v.GetValue<string>()),
        _ => false,
    };

    /// <summary>A value as text: strings as they are, a link by its URL, a picked item or term by its id.</summary>
    private static string? TextOf(JsonNode? value) => value switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonValue v => v.ToJsonString(),
        JsonObject o => (o["url"] ?? o["id"] ?? o["path"]) is JsonValue inner && inner.GetValueKind() == JsonValueKind.String ? inner.GetValue<string>() : null,
        _ => null,
    };

    private static bool TryNumber(JsonNode value, out decimal number)
    {
        number = 0;
        // Read from the JSON text, so a number built in memory (an int, a double) reads like a parsed one.
        return value is JsonValue v && (v.GetValueKind() == JsonValueKind.Number
            ? decimal.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out number)
            : v.GetValueKind() == JsonValueKind.String && decimal.TryParse(v.GetValue<string>(), NumberStyles.Number, CultureInfo.InvariantCulture, out number));
    }

    public static bool TryDate(JsonNode value, out DateOnly date)
    {
        date = default;
        return value is JsonValue v && v.GetValueKind() == JsonValueKind.String
            && DateOnly.TryParseExact(v.GetValue<string>().Length >= 10 ? v.GetValue<string>()[..10] : v.GetValue<string>(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }
}
