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
