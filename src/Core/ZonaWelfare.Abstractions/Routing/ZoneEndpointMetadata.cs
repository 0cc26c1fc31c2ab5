namespace ZonaWelfare.Abstractions.Routing;

/// <summary>Marks an endpoint as answering only inside a zone, and only when the zone enables <see cref="ModuleId"/> (if set).</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, Inherited = true)]
public sealed class ZoneEndpointAttribute(string? moduleId = null) : Attribute
{
    public string? ModuleId { get; } = moduleId;
}

/// <summary>Marks an endpoint as platform-level: it answers only outside zones (e.g. the platform admin).</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, Inherited = true)]
public sealed class PlatformEndpointAttribute : Attribute;
