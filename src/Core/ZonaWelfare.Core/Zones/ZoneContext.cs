using ZonaWelfare.Abstractions.Zones;
using ZonaWelfare.Core.Storage;

namespace ZonaWelfare.Core.Zones;

/// <summary>
/// Sets the zone of a scope. Only the zone middleware and <see cref="IZoneScopeFactory"/> do; everything else
/// asks the factory for a zone scope.
/// </summary>
internal interface IZoneContextAccessor
{
    void SetZone(ZoneDescriptor? zone);
}

/// <summary>The zone of a scope; set once by the zone middleware, the CLI or a background job.</summary>
internal sealed class ZoneContext(DataPaths paths) : IZoneContext, IZoneContextAccessor
{
    public ZoneDescriptor? Zone { get; private set; }

    public string DataFolder
    {
        get
        {
            var folder = paths.ZoneFolder(((IZoneContext)this).Current.Slug);
            Directory.CreateDirectory(folder);
            return folder;
        }
    }

    public void SetZone(ZoneDescriptor? zone)
    {
        if (Zone is not null && zone is not null && Zone.Slug != zone.Slug)
        {
            throw new InvalidOperationException($"This scope already belongs to zone '{Zone.Slug}'.");
        }

        Zone = zone;
    }
}
