namespace FhirTrials.Core.Matching;

/// <summary>A WGS84 position in decimal degrees.</summary>
public sealed record GeoPoint(double Latitude, double Longitude)
{
    public static bool IsValid(double latitude, double longitude) =>
        latitude is >= -90 and <= 90 && longitude is >= -180 and <= 180;
}
