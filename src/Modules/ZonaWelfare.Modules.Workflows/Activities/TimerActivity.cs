using Quartz;
using ZonaWelfare.Abstractions.Contents;
using ZonaWelfare.Abstractions.Workflows;
using ZonaWelfare.Modules.Workflows.Models;

namespace ZonaWelfare.Modules.Workflows.Activities;

/// <summary>
/// When the timer is due. One form: <see cref="At"/> (a moment), <see cref="After"/> (an ISO 8601 duration from when
/// the instance reaches it), <see cref="Cron"/> (the next time of a Quartz cron schedule, Europe/Rome), or
/// <see cref="Field"/> (a date field of the item, 00:00 Europe/Rome, moved by <see cref="After"/>, e.g. <c>P1D</c> or
/// <c>-P7D</c>: a deadline relative to the item).
/// </summary>
internal sealed record TimerOptions(DateTimeOffset? At = null, string? After = null, string? Cron = null, string? Field = null);

/// <summary>
/// A durable timer: the instance waits until it is due; a delayed zone job fires it once, on any node, also after a
/// restart when it fell due meanwhile. As a start, <c>at</c> starts one instance and <c>cron</c> one per occurrence.
/// </summary>
internal sealed class TimerActivity : WorkflowActivity<TimerOptions>
{
    public const string TimerEvent = "timer";

    public override string Name => "Timer";

    public override string ModuleId => WorkflowsIds.Module;

    public override string DisplayName => "Timer";

    public override string Description => "Attende una data, una durata, una pianificazione o una scadenza relativa a un campo del contenuto.";

    public override WorkflowActivityKind Kind => WorkflowActivityKind.Event;

    /// <summary>Outcomes: <c>done</c> when due; with a field, <c>empty</c> when the item has no date in it.</summary>
    protected override IReadOnlyList<WorkflowOutcome> Outcomes(TimerOptions options) =>
        options.Field is null ? [WorkflowOutcomes.Done] : [WorkflowOutcomes.Done, new WorkflowOutcome("empty", "Data non indicata")];

    protected override async Task ValidateAsync(TimerOptions options, WorkflowValidationContext context, CancellationToken cancellationToken)
    {
        var forms = (options.At is not null ? 1 : 0) + (options.Cron is not null ? 1 : 0) + (options.Field is not null || options.After is not null ? 1 : 0);
        if (forms != 1)
        {
            context.Add("", "indicare una sola forma: at (una data), after (una durata), cron (una pianificazione) oppure field (una scadenza relativa a un campo, con after facoltativo).");
            return;
        }

        if (options.After is not null && !IsoDuration.TryParse(options.After, out _))
        {
            context.Add("after", $"la durata «{options.After}» non è valida: usare il formato ISO 8601, ad esempio P1D (un giorno), P12M (dodici mesi), PT2H (due ore), -P7D (sette giorni prima).");
        }

        if (options.Cron is not null && !IsValidCron(options.Cron))
        {
            context.Add("cron", $"la pianificazione «{options.Cron}» non è un'espressione cron valida (ad esempio «0 0 9 ? * MON» ogni lunedì alle 9).");
        }

        if (context.IsStart && options.At is null && options.Cron is null)
        {
            context.Add("", "per avviare il flusso il timer deve indicare at (una data) oppure cron (una pianificazione).");
        }

        if (options.Field is { } fieldName)
        {
            if (context.ContentTypes.Count == 0)
            {
                context.Add("field", $"il campo «{fieldName}» non si può verificare: l'evento di partenza deve indicare il tipo di contenuto (contentTypes).");
            }

            foreach (var typeName in context.ContentTypes)
            {
                var type = await context.FindContentTypeAsync(typeName, cancellationToken);
                if (type?.Field(fieldName) is not { } field)
                {
                    context.Add("field", $"il campo «{fieldName}» non esiste nel tipo «{type?.DisplayName ?? typeName}».");
                }
                else if (field.Type != ContentFieldType.Date)
                {
                    context.Add("field", $"il campo «{field.DisplayName}» è di tipo {Conditions.KindName(field.Type)}: una scadenza si calcola solo da un campo data.");
                }
            }
        }
    }

    protected override Task<ActivityResult> ExecuteAsync(TimerOptions options, WorkflowExecutionContext context, CancellationToken cancellationToken)
    {
        if (context.Resumed is not null)
        {
            return Task.FromResult(ActivityResult.Done(WorkflowOutcomes.Done.Name));
        }

        var due = Due(options, context.Now, context.Item);
        return Task.FromResult(due is null ? ActivityResult.Done("empty") : ActivityResult.WaitUntil(due.Value));
    }

    /// <summary>When the timer is due counted from <paramref name="now"/>; null when it depends on an empty field (or a schedule with no next time).</summary>
    public static DateTimeOffset? Due(TimerOptions options, DateTimeOffset now, ContentItem? item)
    {
        if (options.At is { } at)
        {
            return at;
        }

        if (options.Cron is { } cron)
        {
            return new CronExpression(cron, ZoneTime.Rome).GetNextValidTimeAfter(now);
        }

        var after = IsoDuration.TryParse(options.After, out var parsed) ? parsed : default;
        if (options.Field is { } field)
        {
            if (item?.Field(field) is not { } value || !Conditions.TryDate(value, out var date))
            {
                return null;
            }

            var midnight = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), ZoneTime.Rome.GetUtcOffset(date.ToDateTime(TimeOnly.MinValue)));
            return after.AddTo(midnight, ZoneTime.Rome);
        }

        return after.AddTo(now, ZoneTime.Rome);
    }

    private static bool IsValidCron(string cron)
    {
        try
        {
            _ = new CronExpression(cron, ZoneTime.Rome);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
