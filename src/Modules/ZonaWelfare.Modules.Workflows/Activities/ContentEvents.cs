using ZonaWelfare.Abstractions.Workflows;

namespace ZonaWelfare.Modules.Workflows.Activities;

/// <param name="ContentTypes">Only items of these types (empty: any type).</param>
/// <param name="Parts">Only items whose type has one of these parts (empty: any).</param>
internal sealed record ContentEventOptions(IReadOnlyList<string>? ContentTypes = null, IReadOnlyList<string>? Parts = null);

/// <summary>
/// A content event: starts an instance correlated to the item, or (not a start) resumes an instance waiting for it on
/// the same item.
/// </summary>
internal abstract class ContentEventActivity : WorkflowActivity<ContentEventOptions>
{
    public override string ModuleId => WorkflowsIds.Module;

    public override WorkflowActivityKind Kind => WorkflowActivityKind.Event;

    protected override IReadOnlyList<string> ContentTypesOf(ContentEventOptions options) => options.ContentTypes ?? [];

    protected override bool Matches(ContentEventOptions options, WorkflowTrigger trigger) =>
        trigger.EventName == EventName
        && (options.ContentTypes is not { Count: > 0 } types || (trigger.ContentType is { } type && types.Contains(type, StringComparer.Ordinal)))
        && (options.Parts is not { Count: > 0 } parts || parts.Any(p => trigger.Parts.Contains(p, StringComparer.Ordinal)));

    protected override async Task ValidateAsync(ContentEventOptions options, WorkflowValidationContext context, CancellationToken cancellationToken)
    {
        var types = options.ContentTypes ?? [];
        for (var i = 0; i < types.Count; i++)
        {
            var type = await context.FindContentTypeAsync(types[i], cancellationToken);
            if (type is null)
            {
                context.Add($"contentTypes[{i}]", $"il tipo di contenuto «{types[i]}» non esiste.");
                continue;
            }

            var parts = options.Parts ?? [];
            if (parts.Count > 0 && !parts.Any(type.HasPart))
            {
                context.Add("parts", $"il tipo «{type.DisplayName}» non ha nessuna delle parti indicate ({string.Join(", ", parts)}).");
            }
        }
    }
}

internal sealed class ContentCreatedActivity : ContentEventActivity
{
    public override string Name => "ContentCreated";

    public override string DisplayName => "Contenuto creato";

    public override string Description => "Quando un contenuto viene creato.";

    public override string? EventName => WorkflowContentEvents.Created;
}

internal sealed class ContentUpdatedActivity : ContentEventActivity
{
    public override string Name => "ContentUpdated";

    public override string DisplayName => "Contenuto modificato";

    public override string Description => "Quando un contenuto viene salvato con modifiche.";

    public override string? EventName => WorkflowContentEvents.Updated;
}

internal sealed class ContentPublishedActivity : ContentEventActivity
{
    public override string Name => "ContentPublished";

    public override string DisplayName => "Contenuto pubblicato";

    public override string Description => "Quando un contenuto viene pubblicato (anche ripubblicato).";

    public override string? EventName => WorkflowContentEvents.Published;
}

internal sealed class ContentUnpublishedActivity : ContentEventActivity
{
    public override string Name => "ContentUnpublished";

    public override string DisplayName => "Contenuto ritirato";

    public override string Description => "Quando un contenuto viene ritirato dalla pubblicazione.";

    public override string? EventName => WorkflowContentEvents.Unpublished;
}

internal sealed class ContentRemovedActivity : ContentEventActivity
{
    public override string Name => "ContentRemoved";

    public override string DisplayName => "Contenuto eliminato";

    public override string Description => "Quando un contenuto viene eliminato.";

    public override string? EventName => WorkflowContentEvents.Removed;
}

internal sealed record NoOptions;

/// <param name="ContentTypes">The types of the items it may be started on (empty: started without an item, or on any).</param>
internal sealed record ManualStartOptions(IReadOnlyList<string>? ContentTypes = null);

/// <summary>Started by an editor from the admin (optionally on an item).</summary>
internal sealed class ManualStartActivity : WorkflowActivity<ManualStartOptions>
{
    public const string Event = "manual";

    public override string Name => "ManualStart";

    public override string ModuleId => WorkflowsIds.Module;

    public override string DisplayName => "Avvio manuale";

    public override string Description => "Avviato da un redattore dall'amministrazione.";

    public override WorkflowActivityKind Kind => WorkflowActivityKind.Event;

    public override string? EventName => Event;

    protected override IReadOnlyList<string> ContentTypesOf(ManualStartOptions options) => options.ContentTypes ?? [];

    protected override Task ValidateAsync(ManualStartOptions options, WorkflowValidationContext context, CancellationToken cancellationToken) =>
        ContentTypeOptions.ValidateAsync(options.ContentTypes, context, cancellationToken);
}

internal static class ContentTypeOptions
{
    public static async Task ValidateAsync(IReadOnlyList<string>? types, WorkflowValidationContext context, CancellationToken cancellationToken)
    {
        for (var i = 0; i < (types?.Count ?? 0); i++)
        {
            if (await context.FindContentTypeAsync(types![i], cancellationToken) is null)
            {
                context.Add($"contentTypes[{i}]", $"il tipo di contenuto «{types[i]}» non esiste.");
            }
        }
    }
}

/// <param name="Signal">The signal's registered name, e.g. <c>coprogrammazione.domanda-ricevuta</c>.</param>
/// <param name="ContentTypes">The types of the items its correlation refers to, so later activities can use their fields (empty: unknown).</param>
internal sealed record SignalOptions(string Signal, IReadOnlyList<string>? ContentTypes = null);

/// <summary>A signal raised by a module (with a typed payload, kept as the instance's input when it starts one).</summary>
internal sealed class SignalActivity : WorkflowActivity<SignalOptions>
{
    public const string Prefix = "signal:";

    public override string Name => "Signal";

    public override string ModuleId => WorkflowsIds.Module;

    public override string DisplayName => "Segnale di un modulo";

    public override string Description => "Quando un modulo segnala un fatto (ad esempio «domanda ricevuta»).";

    public override WorkflowActivityKind Kind => WorkflowActivityKind.Event;

    protected override string? EventNameOf(SignalOptions options) => Prefix + options.Signal;

    protected override IReadOnlyList<string> ContentTypesOf(SignalOptions options) => options.ContentTypes ?? [];

    protected override async Task ValidateAsync(SignalOptions options, WorkflowValidationContext context, CancellationToken cancellationToken)
    {
        await ContentTypeOptions.ValidateAsync(options.ContentTypes, context, cancellationToken);
        if (!context.Signals.Any(s => s.Name == options.Signal))
        {
            var known = context.Signals.Count == 0 ? "nessuno: i moduli attivi non ne dichiarano" : string.Join(", ", context.Signals.Select(s => $"{s.Name} ({s.DisplayName})"));
            context.Add("signal", $"il segnale «{options.Signal}» non esiste (segnali disponibili: {known}).");
        }
    }
}
