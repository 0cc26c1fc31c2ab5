namespace ZonaWelfare.Abstractions.Zones;

public enum ZoneState
{
    /// <summary>Registered, its recipe not yet applied.</summary>
    Uninitialized = 0,

    /// <summary>Serving requests.</summary>
    Running = 1,

    /// <summary>Switched off by a platform administrator: its URLs answer 404.</summary>
    Disabled = 2,
}
