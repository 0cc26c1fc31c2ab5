using ZonaWelfare.Abstractions.Zones;
using ZonaWelfare.Core.Storage;

namespace ZonaWelfare.Core.Zones;

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
