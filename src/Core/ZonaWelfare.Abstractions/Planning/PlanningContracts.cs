using ZonaWelfare.Abstractions.Zones;

namespace ZonaWelfare.Abstractions.Planning;

/// <summary>
/// A contract one module implements for the others (the health plan, the POA, the service catalogue). Each
/// implementation names its module, and a consumer takes the one the current zone enables
/// (<see cref="PlanningContractExtensions.EnabledIn{T}"/>), so a zone without the module simply has no links.
/// </summary>
public interface IZoneDirectory
{
    /// <summary>The module that implements the contract.</summary>
    string ModuleId { get; }
}

/// <summary>
/// The health objectives (obiettivi di salute) of the zone's Piani Integrati di Salute, implemented by the PIS
/// module: the POA hangs its objectives on them and Co-programmazione links accepted contributions to them.
/// </summary>
public interface IHealthObjectiveDirectory : IZoneDirectory
{
    /// <summary>Every published objective of every plan of the zone, newest cycle first, then by code.</summary>
    Task<IReadOnlyList<HealthObjectiveRef>> ListAsync(CancellationToken cancellationToken);

    /// <summary>The published objectives among <paramref name="ids"/> (content item ids), keyed by id; unknown ids are absent.</summary>
    Task<IReadOnlyDictionary<string, HealthObjectiveRef>> GetManyAsync(IEnumerable<string> ids, CancellationToken cancellationToken);
}

/// <summary>A PIS health objective as other modules see it. <paramref name="Path"/> is zone-relative (no leading slash).</summary>
public sealed record HealthObjectiveRef(string Id, string Code, string Title, string PlanTitle, string Cycle, string Path);

/// <summary>
/// The activity sheets (schede attività) of the zone's POA, implemented by the POA module: the PIS shows which
/// schede serve an objective, and other modules link to them.
/// </summary>
public interface IPlanActivityDirectory : IZoneDirectory
{
    /// <summary>Published schede whose objective is linked to the PIS objective <paramref name="healthObjectiveId"/>, newest year first.</summary>
    Task<IReadOnlyList<PlanActivityRef>> ForHealthObjectiveAsync(string healthObjectiveId, CancellationToken cancellationToken);

    /// <summary>Published schede that deliver the catalogue service <paramref name="serviceId"/> (content item id), newest year first.</summary>
    Task<IReadOnlyList<PlanActivityRef>> ForServiceAsync(string serviceId, CancellationToken cancellationToken);

    /// <summary>Published schede among <paramref name="ids"/>, keyed by id; unknown ids are absent.</summary>
    Task<IReadOnlyDictionary<string, PlanActivityRef>> GetManyAsync(IEnumerable<string> ids, CancellationToken cancellationToken);
}

/// <summary>A POA scheda as other modules see it. <paramref name="Path"/> is zone-relative (no leading slash).</summary>
public sealed record PlanActivityRef(
    string Id, int Year, string Code, string Title, string ProgrammeTitle, string ObjectiveTitle, string State, string Path);

/// <summary>
/// The zone's published catalogue services, implemented by the Bussola: the POA lets editors pick the services a
/// scheda delivers without knowing the Bussola's content types or parts.
/// </summary>
public interface IServiceDirectory : IZoneDirectory
{
    /// <summary>Every published service of the zone, by title.</summary>
    Task<IReadOnlyList<ServiceRef>> ListAsync(CancellationToken cancellationToken);

    /// <summary>The published services among <paramref name="ids"/>, keyed by id; unknown ids are absent.</summary>
    Task<IReadOnlyDictionary<string, ServiceRef>> GetManyAsync(IEnumerable<string> ids, CancellationToken cancellationToken);
}

/// <summary>A catalogue service as other modules see it. <paramref name="Path"/> is zone-relative (no leading slash).</summary>
public sealed record ServiceRef(string Id, string Title, string Path);

public static class PlanningContractExtensions
{
    /// <summary>The implementation whose module the current zone enables, or null (no zone, or module not enabled).</summary>
    public static T? EnabledIn<T>(this IEnumerable<T> implementations, IZoneContext zone)
        where T : IZoneDirectory
        => zone.Zone is { } current ? implementations.FirstOrDefault(i => current.IsModuleEnabled(i.ModuleId)) : default;
}
