namespace FhirTrials.Core.Matching;

/// <summary>Great-circle distance on a sphere of the Earth's mean radius (haversine): within 0.5 % of the ellipsoid,
/// far finer than "within 50 km" needs.</summary>
public static class GeoDistance
{
    public const double EarthRadiusKm = 6371.0088;

    public static double Kilometres(GeoPoint a, GeoPoint b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var lat1 = Radians(a.Latitude);
        var lat2 = Radians(b.Latitude);
        var dLat = lat2 - lat1;
        var dLon = Radians(b.Longitude - a.Longitude);
        var h = Math.Pow(Math.Sin(dLat / 2), 2) + (Math.Cos(lat1) * Math.Cos(lat2) * Math.Pow(Math.Sin(dLon / 2), 2));
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }

    /// <summary>A distance in the units R4's <c>near</c> allows (UCUM km, m, [mi_i]; "mi" read as miles), in km.</summary>
    public static double? ToKilometres(double value, string? unit) => unit switch
    {
        null or "" or "km" => value,
        "m" => value / 1000,
        "[mi_i]" or "mi" or "[mi_us]" => value * 1.609344,
        _ => null,
    };

    private static double Radians(double degrees) => degrees * Math.PI / 180;
}
