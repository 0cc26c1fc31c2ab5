namespace ZonaWelfare.Modules.Search.Querying;

/// <summary>Great-circle distances (haversine) on a spherical Earth: good to a few metres at a zone's scale.</summary>
internal static class Geo
{
    private const double EarthRadiusKm = 6371.0088;

    public static double DistanceKm(double lat1, double lon1, double lat2, double lon2)
    {
        var dLat = ToRadians(lat2 - lat1);
        var dLon = ToRadians(lon2 - lon1);
        var a = (Math.Sin(dLat / 2) * Math.Sin(dLat / 2)) + (Math.Cos(ToRadians(lat1)) * Math.Cos(ToRadians(lat2)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2));
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }

    /// <summary>Distance to the nearest of several points (a service with several locations); null when there is none.</summary>
    public static double? NearestKm(double lat, double lon, IEnumerable<(double Lat, double Lon)> points)
    {
        double? nearest = null;
        foreach (var (pLat, pLon) in points)
        {
            var d = DistanceKm(lat, lon, pLat, pLon);
            if (nearest is null || d < nearest)
            {
                nearest = d;
            }
        }

        return nearest;
    }

    private static double ToRadians(double degrees) => degrees * Math.PI / 180;
}
