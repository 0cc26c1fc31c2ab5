using Microsoft.Extensions.DependencyInjection;
using ZonaWelfare.Abstractions.Zones;

namespace ZonaWelfare.Core.Zones;

/// <summary>Activates the zone when asked to, then opens a <see cref="ZoneScope"/> in it.</summary>
internal sealed class ZoneScopeFactory(IServiceScopeFactory scopes, ZoneActivator activator) : IZoneScopeFactory
{
    public async Task<IZoneScope> CreateScopeAsync(ZoneDescriptor zone, CancellationToken cancellationToken = default)
    {
        await activator.EnsureActivatedAsync(zone, cancellationToken);
        return ZoneScope.Open(scopes, zone);
    }

    public IZoneScope CreateUnactivatedScope(ZoneDescriptor zone) => ZoneScope.Open(scopes, zone);
}

/// <summary>
/// A service scope whose zone is set once, here; besides the zone middleware this is the only place
/// that sets a scope's zone. <see cref="ZoneActivator"/> opens its migration scope through
/// <see cref="Open"/> directly, so activating a zone never recurses into activation.
/// </summary>
internal sealed class ZoneScope : IZoneScope
{
    private readonly AsyncServiceScope _inner;

    private ZoneScope(AsyncServiceScope inner, ZoneDescriptor zone)
    {
        _inner = inner;
        Zone = zone;
    }

    public ZoneDescriptor Zone { get; }

    public IServiceProvider ServiceProvider => _inner.ServiceProvider;

    public static ZoneScope Open(IServiceScopeFactory scopes, ZoneDescriptor zone)
    {
        var inner = scopes.CreateAsyncScope();
        inner.ServiceProvider.GetRequiredService<IZoneContextAccessor>().SetZone(zone);
        return new ZoneScope(inner, zone);
    }

    public ValueTask DisposeAsync() => _inner.DisposeAsync();

    public void Dispose() => _inner.Dispose();
}
