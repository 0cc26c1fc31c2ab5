using ZonaWelfare.Abstractions.Contents;
using ZonaWelfare.Abstractions.Workflows;
using ZonaWelfare.Modules.Workflows.Models;

namespace ZonaWelfare.Modules.Workflows.Activities;

internal sealed record IfOptions(Condition Condition);

/// <summary>Leaves by <c>true</c> or <c>false</c> after a typed condition on the item's fields.</summary>
internal sealed class IfActivity : WorkflowActivity<IfOptions>
{
    public static readonly WorkflowOutcome True = new("true", "Sì");
    public static readonly WorkflowOutcome False = new("false", "No");

    public override string Name => "If";

    public override string ModuleId => WorkflowsIds.Module;

    public override string DisplayName => "Condizione";

    public override string Description => "Prosegue per «Sì» o per «No» secondo i campi del contenuto.";

    public override WorkflowActivityKind Kind => WorkflowActivityKind.Task;

    protected override IReadOnlyList<WorkflowOutcome> Outcomes(IfOptions options) => [True, False];

    protected override async Task ValidateAsync(IfOptions options, WorkflowValidationContext context, CancellationToken cancellationToken)
    {
        var types = new List<ContentTypeInfo>();
        foreach (var name in context.ContentTypes)
        {
            if (await context.FindContentTypeAsync(name, cancellationToken) is { } type)
            {
                types.Add(type);
            }
        }

        Conditions.Validate(options.Condition, "condition", types, context.Add);
    }

    protected override Task<ActivityResult> ExecuteAsync(IfOptions options, WorkflowExecutionContext context, CancellationToken cancellationToken) =>
        Task.FromResult(ActivityResult.Done(Conditions.Evaluate(options.Condition, context.Item) ? True.Name : False.Name));
}

/// <param name="Branches">The names of the branches, each an outcome (at least two).</param>
internal sealed record ForkOptions(IReadOnlyList<string> Branches);

/// <summary>Goes on along every branch at once.</summary>
internal sealed class ForkActivity : WorkflowActivity<ForkOptions>
{
    public override string Name => "Fork";

    public override string ModuleId => WorkflowsIds.Module;

    public override string DisplayName => "Diramazione";

    public override string Description => "Prosegue contemporaneamente su più rami.";

    public override WorkflowActivityKind Kind => WorkflowActivityKind.Task;

    protected override IReadOnlyList<WorkflowOutcome> Outcomes(ForkOptions options) => options.Branches.Select(b => new WorkflowOutcome(b, b)).ToList();

    protected override Task ValidateAsync(ForkOptions options, WorkflowValidationContext context, CancellationToken cancellationToken)
    {
        if (options.Branches.Count < 2)
        {
            context.Add("branches", "una diramazione ha almeno due rami.");
        }

        if (options.Branches.Distinct(StringComparer.Ordinal).Count() != options.Branches.Count)
        {
            context.Add("branches", "due rami hanno lo stesso nome.");
        }

        if (options.Branches.Any(string.IsNullOrWhiteSpace))
        {
            context.Add("branches", "un ramo non ha nome.");
        }

        return Task.CompletedTask;
    }

    protected override Task<ActivityResult> ExecuteAsync(ForkOptions options, WorkflowExecutionContext context, CancellationToken cancellationToken) =>
        Task.FromResult(ActivityResult.Done([.. options.Branches]));
}

internal enum JoinMode
{
    /// <summary>Goes on when every incoming branch has arrived.</summary>
    All,

    /// <summary>Goes on when the first branch arrives; later ones end there.</summary>
    Any,
}

internal sealed record JoinOptions(JoinMode Mode = JoinMode.All);

/// <summary>Waits for the branches that lead to it (run by the runner, which knows the arrivals).</summary>
internal sealed class JoinActivity : WorkflowActivity<JoinOptions>
{
    public override string Name => "Join";

    public override string ModuleId => WorkflowsIds.Module;

    public override string DisplayName => "Ricongiunzione";

    public override string Description => "Attende i rami che vi arrivano (tutti, o il primo).";

    public override WorkflowActivityKind Kind => WorkflowActivityKind.Task;
}
