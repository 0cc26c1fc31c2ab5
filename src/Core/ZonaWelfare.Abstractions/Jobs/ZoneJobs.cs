using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using ZonaWelfare.Abstractions.Zones;

namespace ZonaWelfare.Abstractions.Jobs;

/// <summary>
/// Enqueues durable background jobs in the current zone (scoped). A job enqueued while the scope has a zone
/// transaction open (<see cref="Data.IZoneDatabase.BeginTransactionAsync"/>) is part of it: committed, it runs
/// at least once on some node, retried with exponential backoff; rolled back, it never runs. Without an open
/// transaction the job is committed on its own.
/// </summary>
public interface IZoneJobQueue
{
    /// <summary>Enqueues <paramref name="job"/> for its handler (registered with <c>AddZoneJob</c>); returns the job's id.</summary>
    Task<string> EnqueueAsync<TJob>(TJob job, ZoneJobOptions? options = null, CancellationToken cancellationToken = default)
        where TJob : class;
}

/// <summary>How one job is enqueued; every value has a default.</summary>
public sealed record ZoneJobOptions
{
    /// <summary>Run no earlier than this long after the commit.</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>Attempts before the job is marked failed; default: the registration's, else the platform's (<c>Jobs:MaxAttempts</c>).</summary>
    public int? MaxAttempts { get; init; }

    /// <summary>What the zone's admin shows for the job (Italian), e.g. «Invio della ricevuta a mario@…».</summary>
    public string? Description { get; init; }
}

/// <summary>
/// Runs one kind of zone job, in a scope of the job's zone (its constructor gets that zone's services).
/// Register it with <see cref="ZoneJobServiceCollectionExtensions.AddZoneJob{TJob, THandler}"/>. In a zone
/// that has not enabled <see cref="ModuleId"/> the platform skips the job: the handler never sees it.
/// Handlers must tolerate running more than once for the same job (at-least-once).
/// </summary>
public interface IZoneJobHandler<in TJob>
    where TJob : class
{
    /// <summary>The module this job belongs to; the platform's own jobs (e-mail) say <c>core</c> and run in every zone.</summary>
    string ModuleId { get; }

    /// <summary>Does the work; an exception fails this attempt (retried later, or the job fails with the message).</summary>
    Task HandleAsync(TJob job, ZoneJobContext context, CancellationToken cancellationToken);
}

/// <summary>What a handler knows about the job it runs.</summary>
public sealed record ZoneJobContext(string JobId, ZoneDescriptor Zone, int Attempt, int MaxAttempts);

/// <summary>
/// A kind of job the platform can run: its stable name (stored with every job, so renaming the payload type
/// does not orphan queued jobs) and how to run it. Created by <c>AddZoneJob</c>; the platform reads these.
/// </summary>
public abstract partial class ZoneJobRegistration
{
    /// <summary>Payloads are stored as snake_case JSON, as the platform's other JSON is.</summary>
    public static JsonSerializerOptions PayloadJson { get; } = CreatePayloadJson();

    protected ZoneJobRegistration(string name, Type jobType, int? maxAttempts)
    {
        if (!NamePattern().IsMatch(name))
        {
            throw new ArgumentException($"Job name '{name}' is not valid: use lower-case letters, digits, '.' and '-', e.g. 'search.rebuild'.", nameof(name));
        }

        if (maxAttempts is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxAttempts), "A job needs at least one attempt.");
        }

        Name = name;
        JobType = jobType;
        MaxAttempts = maxAttempts;
    }

    public string Name { get; }

    public Type JobType { get; }

    public int? MaxAttempts { get; }

    /// <summary>The module of the handler, resolved from <paramref name="services"/> (a scope of the zone).</summary>
    public abstract string ModuleIdOf(IServiceProvider services);

    /// <summary>Deserializes <paramref name="payload"/> and runs the handler resolved from <paramref name="services"/>.</summary>
    public abstract Task RunAsync(IServiceProvider services, string payload, ZoneJobContext context, CancellationToken cancellationToken);

    [GeneratedRegex("^[a-z][a-z0-9.-]{1,99}$")]
    private static partial Regex NamePattern();

    private static JsonSerializerOptions CreatePayloadJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}

internal sealed class ZoneJobRegistration<TJob>(string name, int? maxAttempts) : ZoneJobRegistration(name, typeof(TJob), maxAttempts)
    where TJob : class
{
    public override string ModuleIdOf(IServiceProvider services) => services.GetRequiredService<IZoneJobHandler<TJob>>().ModuleId;

    public override Task RunAsync(IServiceProvider services, string payload, ZoneJobContext context, CancellationToken cancellationToken)
    {
        var job = JsonSerializer.Deserialize<TJob>(payload, PayloadJson)
            ?? throw new JsonException($"The payload of job {context.JobId} ({Name}) is empty.");
        return services.GetRequiredService<IZoneJobHandler<TJob>>().HandleAsync(job, context, cancellationToken);
    }
}

public static class ZoneJobServiceCollectionExtensions
{
    /// <summary>
    /// Registers a kind of zone job: <typeparamref name="THandler"/> (scoped) runs payloads of type
    /// <typeparamref name="TJob"/>, stored under <paramref name="name"/> (stable: keep it when renaming types).
    /// </summary>
    public static IServiceCollection AddZoneJob<TJob, THandler>(this IServiceCollection services, string name, int? maxAttempts = null)
        where TJob : class
        where THandler : class, IZoneJobHandler<TJob>
    {
        services.AddScoped<IZoneJobHandler<TJob>, THandler>();
        services.AddSingleton<ZoneJobRegistration>(new ZoneJobRegistration<TJob>(name, maxAttempts));
        return services;
    }
}
