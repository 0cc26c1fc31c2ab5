using Microsoft.Extensions.DependencyInjection;
using ZonaWelfare.Abstractions.Zones;

namespace ZonaWelfare.Core.Zones;

/// <summary>Activates the zone when asked to, then opens a <see cref="ZoneScope"/> in it that holds the zone until disposed.</summary>
internal sealed class ZoneScopeFactory(IServiceScopeFactory scopes, ZoneActivator activator) : IZoneScopeFactory
{
    public async Task<IZoneScope> CreateScopeAsync(ZoneDescriptor zone, CancellationToken cancellationToken = default)
    {
        var lease = await activator.AcquireAsync(zone, request: false, cancellationToken);
        return ZoneScope.Open(scopes, zone, lease);
    }

    public IZoneScope? TryCreateActiveScope(ZoneDescriptor zone) =>
        activator.TryAcquireActive(zone) is { } lease ? ZoneScope.Open(scopes, zone, lease) : null;

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
    private readonly IDisposable? _lease;

    private ZoneScope(AsyncServiceScope inner, ZoneDescriptor zone, IDisposable? lease)
    {
        _inner = inner;
        Zone = zone;
        _lease = lease;
    }

    public ZoneDescriptor Zone { get; }

    public IServiceProvider ServiceProvider => _inner.ServiceProvider;

    /// <summary>Opens a scope in the zone; <paramref name="lease"/>, when given, is disposed after the scope.</summary>
    public static ZoneScope Open(IServiceScopeFactory scopes, ZoneDescriptor zone, IDisposable? lease = null)
    {
        var inner = scopes.CreateAsyncScope();
        inner.ServiceProvider.GetRequiredService<IZoneContextAccessor>().SetZone(zone);
        return new ZoneScope(inner, zone, lease);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _inner.DisposeAsync();
        }
        finally
        {
            _lease?.Dispose();
        }
    }

    public void Dispose()
    {
        try
        {
            _inner.Dispose();
        }
        finally
        {
            _lease?.Dispose();
        }
    }
}
