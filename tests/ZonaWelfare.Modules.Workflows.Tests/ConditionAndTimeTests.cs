using System.Text.Json.Nodes;
using ZonaWelfare.Abstractions.Contents;
using ZonaWelfare.Modules.Workflows.Activities;
using ZonaWelfare.Modules.Workflows.Models;

namespace ZonaWelfare.Modules.Workflows.Tests;

/// <summary>Typed conditions evaluated as data, their checks against a type, and calendar arithmetic of timers.</summary>
public sealed class ConditionAndTimeTests
{
    private static readonly ContentTypeInfo Avviso = new("Avviso", "Avviso pubblico", ["TitlePart"],
    [
        new("Scadenza", "Scadenza", ContentFieldType.Date, false, false),
        new("Importo", "Importo", ContentFieldType.Number, false, false),
        new("Stato", "Stato", ContentFieldType.Text, false, false),
        new("Urgente", "Urgente", ContentFieldType.Boolean, false, false),
        new("Aree", "Aree", ContentFieldType.Taxonomy, false, true),
    ]);

    private static ContentItem Item(JsonObject fields) => new()
    {
        ContentItemId = "a1",
        ContentItemVersionId = "v1",
        ContentType = "Avviso",
        Content = new JsonObject { ["Avviso"] = fields },
    };

    private static Condition Compare(string field, ConditionOperator op, JsonNode? value = null) => new() { Field = field, Operator = op, Value = value };

    [Fact]
    public void Comparisons_follow_the_kind_of_the_field()
    {
        var item = Item(new JsonObject { ["Scadenza"] = "2027-03-31", ["Importo"] = 1500, ["Stato"] = "Aperto", ["Urgente"] = true, ["Aree"] = new JsonArray("disabilita", "anziani") });

        Assert.True(Conditions.Evaluate(Compare("Scadenza", ConditionOperator.Before, "2027-04-01"), item));
        Assert.False(Conditions.Evaluate(Compare("Scadenza", ConditionOperator.After, "2027-03-31"), item));
        Assert.True(Conditions.Evaluate(Compare("Importo", ConditionOperator.GreaterThan, 1000), item));
        Assert.False(Conditions.Evaluate(Compare("Importo", ConditionOperator.LessOrEqual, 1499.99m), item));
        Assert.True(Conditions.Evaluate(Compare("Stato", ConditionOperator.Equals, "aperto"), item));
        Assert.True(Conditions.Evaluate(Compare("Stato", ConditionOperator.StartsWith, "Ap"), item));
        Assert.True(Conditions.Evaluate(Compare("Urgente", ConditionOperator.IsTrue), item));
        Assert.True(Conditions.Evaluate(Compare("Aree", ConditionOperator.Contains, "anziani"), item));
        Assert.False(Conditions.Evaluate(Compare("Aree", ConditionOperator.Contains, "minori"), item));
    }

    [Fact]
    public void A_missing_field_or_item_is_empty_and_combinations_nest()
    {
        var empty = Item([]);
        Assert.True(Conditions.Evaluate(Compare("Scadenza", ConditionOperator.IsEmpty), empty));
        Assert.True(Conditions.Evaluate(Compare("Urgente", ConditionOperator.IsFalse), null));
        Assert.False(Conditions.Evaluate(Compare("Importo", ConditionOperator.GreaterThan, 0), empty));

        var combined = new Condition
        {
            All =
            [
                new Condition { Any = [Compare("Urgente", ConditionOperator.IsTrue), Compare("Importo", ConditionOperator.GreaterOrEqual, 5000)] },
                new Condition { Not = Compare("Stato", ConditionOperator.Equals, "chiuso") },
            ],
        };
        Assert.True(Conditions.Evaluate(combined, Item(new JsonObject { ["Importo"] = 5000, ["Stato"] = "aperto" })));
        Assert.False(Conditions.Evaluate(combined, Item(new JsonObject { ["Importo"] = 5000, ["Stato"] = "Chiuso" })));
        Assert.False(Conditions.Evaluate(combined, Item(new JsonObject { ["Importo"] = 10, ["Stato"] = "aperto" })));
    }

    [Fact]
    public void A_condition_is_checked_against_the_type_with_a_path_for_each_problem()
    {
        var problems = new List<(string Path, string Message)>();
        var condition = new Condition
        {
            Any =
            [
                Compare("Urgente", ConditionOperator.GreaterThan, 1),
                Compare("Importo", ConditionOperator.Equals, "mille"),
                Compare("Nessuno", ConditionOperator.IsEmpty),
                Compare("Scadenza", ConditionOperator.IsEmpty, "2027-01-01"),
                new Condition { Field = "Stato", Operator = ConditionOperator.Equals, Not = Compare("Stato", ConditionOperator.IsEmpty) },
            ],
        };

        Conditions.Validate(condition, "condition", [Avviso], (path, message) => problems.Add((path, message)));

        Assert.Equal(
            [
                "condition.any[0].operator",
                "condition.any[1].value",
                "condition.any[2].field",
                "condition.any[3].value",
                "condition.any[4]",
            ],
            problems.Select(p => p.Path));
        Assert.Contains("si può usare: è sì, è no", problems[0].Message, StringComparison.Ordinal);
        Assert.Contains("il campo «Nessuno» non esiste nel tipo «Avviso pubblico» (campi: Scadenza, Importo, Stato, Urgente, Aree)", problems[2].Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("P12M", "2026-01-31T10:00:00+01:00", "2027-01-31T10:00:00+01:00")]
    [InlineData("P1M", "2027-01-31T10:00:00+01:00", "2027-02-28T10:00:00+01:00")]
    [InlineData("P1D", "2027-03-27T12:00:00+01:00", "2027-03-28T12:00:00+02:00")]
    [InlineData("PT2H30M", "2027-03-28T01:00:00+01:00", "2027-03-28T04:30:00+02:00")]
    [InlineData("-P7D", "2027-06-10T00:00:00+02:00", "2027-06-03T00:00:00+02:00")]
    public void Durations_are_calendar_durations_in_the_zones_time(string duration, string start, string expected)
    {
        Assert.True(IsoDuration.TryParse(duration, out var parsed));
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), parsed.AddTo(DateTimeOffset.Parse(start, System.Globalization.CultureInfo.InvariantCulture), ZoneTime.Rome));
    }

    [Theory]
    [InlineData("")]
    [InlineData("P")]
    [InlineData("PT")]
    [InlineData("12M")]
    [InlineData("P1.5D")]
    [InlineData("un mese")]
    public void A_duration_that_is_not_iso_8601_is_refused(string duration) => Assert.False(IsoDuration.TryParse(duration, out _));

    [Fact]
    public void A_deadline_relative_to_a_date_field_counts_from_midnight_in_rome_and_is_null_without_a_date()
    {
        var options = new TimerOptions(After: "P1D", Field: "Scadenza");
        var now = DateTimeOffset.Parse("2027-01-10T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(DateTimeOffset.Parse("2027-07-16T00:00:00+02:00", System.Globalization.CultureInfo.InvariantCulture), TimerActivity.Due(options, now, Item(new JsonObject { ["Scadenza"] = "2027-07-15" })));
        Assert.Null(TimerActivity.Due(options, now, Item([])));
        Assert.Equal(DateTimeOffset.Parse("2027-01-11T09:00:00+01:00", System.Globalization.CultureInfo.InvariantCulture), TimerActivity.Due(new TimerOptions(Cron: "0 0 9 ? * MON"), now, null));
    }
}
