using System.Globalization;
using FhirTrials.Core.Matching;

namespace FhirTrials.Core.Search;

/// <summary>
/// Index entries of positions (<c>near</c>, <c>site-near</c>) and of age ranges (<c>eligible-age</c>): the key is what a
/// lookup compares (a geohash; the sortable lower age), Low/High carry what the exact test needs ("lat,lon"; the range).
/// </summary>
public static class NearKeys
{
    public static IndexEntry Position(string parameter, GeoPoint point)
    {
        ArgumentNullException.ThrowIfNull(point);
        return new IndexEntry(parameter, Geohash.Encode(point), FormatPoint(point), null);
    }

    public static string FormatPoint(GeoPoint point)
    {
        ArgumentNullException.ThrowIfNull(point);
        return point.Latitude.ToString("R", CultureInfo.InvariantCulture) + "," + point.Longitude.ToString("R", CultureInfo.InvariantCulture);
    }

    public static GeoPoint? ParsePoint(string? text)
    {
        var comma = text?.IndexOf(',', StringComparison.Ordinal) ?? -1;
        return comma > 0
            && double.TryParse(text![..comma], NumberStyles.Float, CultureInfo.InvariantCulture, out var latitude)
            && double.TryParse(text[(comma + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var longitude)
            && GeoPoint.IsValid(latitude, longitude)
            ? new GeoPoint(latitude, longitude)
            : null;
    }

    /// <summary>Years as a fixed-width sortable key ("018.00"), clamped to [0, 999.99].</summary>
    public static string Years(double years) =>
        Math.Clamp(years, 0, MatchSearchParameters.OpenMaximumYears).ToString("000.00", CultureInfo.InvariantCulture);

    public static IndexEntry AgeRange(string parameter, double? minimum, double? maximum)
    {
        var low = Years(minimum ?? 0);
        return new IndexEntry(parameter, low, low, Years(maximum ?? MatchSearchParameters.OpenMaximumYears));
    }
}
