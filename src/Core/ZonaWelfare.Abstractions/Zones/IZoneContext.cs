namespace ZonaWelfare.Abstractions.Zones;

/// <summary>The zone of the current request or job (scoped).</summary>
public interface IZoneContext
{
    /// <summary>The current zone, or null on platform-level requests.</summary>
    ZoneDescriptor? Zone { get; }

    /// <summary>The current zone; throws when there is none.</summary>
    ZoneDescriptor Current => Zone ?? throw new InvalidOperationException("This operation needs a zone, and the current request or job has none.");

    /// <summary>Folder for this zone's files (<c>App_Data/zones/{slug}</c>), created on demand.</summary>
    string DataFolder { get; }
}

/// <summary>
/// Sets the zone of a scope. Only the platform's zone middleware and <see cref="IZoneScopeFactory"/> call it;
/// everything else that needs a zone outside a request asks <see cref="IZoneScopeFactory"/> for a scope.
/// It stays public only until the last test helpers outside the platform have moved to the factory.
/// </summary>
public interface IZoneContextAccessor
{
    void SetZone(ZoneDescriptor? zone);
}
