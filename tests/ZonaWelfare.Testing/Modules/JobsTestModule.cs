using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using ZonaWelfare.Abstractions.Jobs;
using ZonaWelfare.Abstractions.Modules;
using ZonaWelfare.Abstractions.Recipes;
using ZonaWelfare.Abstractions.Zones;

namespace ZonaWelfare.Testing.Modules;

/// <summary>
/// A module with three kinds of job: one that records that it ran, one that fails its first runs, one that
/// runs until the test releases it. Handlers report to the <see cref="JobProbe"/> the test registers.
/// </summary>
public sealed class JobsTestModule : ZoneModule
{
    public const string Id = "jobtest";

    public override ModuleManifest Manifest { get; } = new(Id, "Lavori di prova", "Modulo di prova con lavori in background.");

    public override void ConfigureServices(IServiceCollection services)
    {
        services.AddZoneJob<PingJob, PingHandler>("jobtest.ping");
        services.AddZoneJob<FlakyJob, FlakyHandler>("jobtest.flaky", maxAttempts: 3);
        services.AddZoneJob<HoldJob, HoldHandler>("jobtest.hold");
        services.AddSingleton<IRecipeStep, PingsStep>();
    }
}

public sealed record PingJob(string Key);

public sealed record FlakyJob(string Key, int FailTimes);

public sealed record HoldJob(string Key);

/// <summary>What the handlers saw, shared by every node of a test (passed to each platform, never static).</summary>
public sealed class JobProbe
{
    public ConcurrentQueue<(string Key, string Zone, int Attempt, DateTime AtUtc)> Runs { get; } = new();

    public ConcurrentDictionary<string, TaskCompletionSource> Holds { get; } = new();

    public int RunsOf(string key) => Runs.Count(r => r.Key == key);

    /// <summary>Lets a running <see cref="HoldJob"/> finish.</summary>
    public void Release(string key) => Hold(key).TrySetResult();

    internal TaskCompletionSource Hold(string key) => Holds.GetOrAdd(key, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
}

internal sealed class PingHandler(JobProbe probe, IZoneContext zone) : IZoneJobHandler<PingJob>
{
    public string ModuleId => JobsTestModule.Id;

    public Task HandleAsync(PingJob job, ZoneJobContext context, CancellationToken cancellationToken)
    {
        // The zone of the scope the platform gave the handler, not the one the job says.
        probe.Runs.Enqueue((job.Key, zone.Current.Slug, context.Attempt, DateTime.UtcNow));
        return Task.CompletedTask;
    }
}

internal sealed class FlakyHandler(JobProbe probe) : IZoneJobHandler<FlakyJob>
{
    public string ModuleId => JobsTestModule.Id;

    public Task HandleAsync(FlakyJob job, ZoneJobContext context, CancellationToken cancellationToken)
    {
        probe.Runs.Enqueue((job.Key, context.Zone.Slug, context.Attempt, DateTime.UtcNow));
        // Counted over every run, so a job an administrator puts back goes on from where it was.
        return probe.RunsOf(job.Key) <= job.FailTimes
            ? throw new InvalidOperationException($"Guasto simulato al tentativo {context.Attempt}.")
            : Task.CompletedTask;
    }
}

internal sealed class HoldHandler(JobProbe probe) : IZoneJobHandler<HoldJob>
{
    public string ModuleId => JobsTestModule.Id;

    public async Task HandleAsync(HoldJob job, ZoneJobContext context, CancellationToken cancellationToken)
    {
        probe.Runs.Enqueue((job.Key, context.Zone.Slug, context.Attempt, DateTime.UtcNow));
        await probe.Hold(job.Key).Task.WaitAsync(cancellationToken);
    }
}

/// <summary>The <c>pings</c> step: enqueues a <see cref="PingJob"/> per key inside the recipe's transaction, then fails if asked to.</summary>
internal sealed class PingsStep : RecipeStep<PingsStep.Model>
{
    public override string Name => "pings";

    public override string? ModuleId => JobsTestModule.Id;

    internal sealed record Model(IReadOnlyList<string> Keys, bool FailAfter = false);

    protected override Task ValidateAsync(Model model, RecipeValidationContext context, CancellationToken cancellationToken) => Task.CompletedTask;

    protected override async Task ApplyAsync(Model model, RecipeApplyContext context, CancellationToken cancellationToken)
    {
        var jobs = context.Services.GetRequiredService<IZoneJobQueue>();
        foreach (var key in model.Keys)
        {
            await jobs.EnqueueAsync(new PingJob(key), cancellationToken: cancellationToken);
        }

        if (model.FailAfter)
        {
            throw new InvalidOperationException("Guasto simulato dopo l'accodamento.");
        }
    }
}
