namespace ZonaWelfare.Abstractions.Zones;

/// <summary>Read access to the platform's zone registry, cached in memory per node.</summary>
public interface IZoneRegistry
{
    ValueTask<ZoneDescriptor?> FindBySlugAsync(string slug, CancellationToken cancellationToken = default);

    ValueTask<ZoneDescriptor?> FindByHostAsync(string host, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<ZoneDescriptor>> ListAsync(CancellationToken cancellationToken = default);
}
