namespace ZonaWelfare.Abstractions.Zones;

/// <summary>
/// Frees what a module keeps open or cached for one zone in this process (open index readers and writers,
/// compiled caches, file handles) when the platform releases an idle zone. The platform calls it only when no
/// request or zone scope uses the zone, and activates the zone again, transparently, on its next use; a
/// handler must leave nothing behind that the module cannot reopen lazily. Register it as a singleton.
/// </summary>
public interface IZoneReleaseHandler
{
    /// <summary>Frees the zone's resources; a zone the module never touched in this process is a no-op.</summary>
    ValueTask ReleaseAsync(string slug, CancellationToken cancellationToken);
}
