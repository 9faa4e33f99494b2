using System.Text;

namespace FhirTrials.Core.Matching;

/// <summary>
/// Geohash cells (base-32, alternating longitude and latitude bits): a position's hash is the key of its <c>near</c>
/// index rows, so every place inside a cell shares the cell's hash as a key prefix and "places near P" is a few prefix
/// lookups in one index partition, then the exact distance.
/// </summary>
public static class Geohash
{
    public const int IndexPrecision = 9;

    /// <summary>At most this many cells cover a search circle: each is one prefix query.</summary>
    public const int MaxCoveringCells = 16;

    private const string Alphabet = "0123456789bcdefghjkmnpqrstuvwxyz";

    public static string Encode(GeoPoint point, int precision = IndexPrecision)
    {
        ArgumentNullException.ThrowIfNull(point);
        double latLow = -90, latHigh = 90, lonLow = -180, lonHigh = 180;
        var hash = new StringBuilder(precision);
        var bit = 0;
        var value = 0;
        var even = true;
        while (hash.Length < precision)
        {
            if (even)
            {
                var mid = (lonLow + lonHigh) / 2;
                value = (value << 1) | (point.Longitude >= mid ? 1 : 0);
                (lonLow, lonHigh) = point.Longitude >= mid ? (mid, lonHigh) : (lonLow, mid);
            }
            else
            {
                var mid = (latLow + latHigh) / 2;
                value = (value << 1) | (point.Latitude >= mid ? 1 : 0);
                (latLow, latHigh) = point.Latitude >= mid ? (mid, latHigh) : (latLow, mid);
            }

            even = !even;
            if (++bit == 5)
            {
                hash.Append(Alphabet[value]);
                bit = 0;
                value = 0;
            }
        }

        return hash.ToString();
    }

    /// <summary>
    /// The cells, at the finest precision that needs at most <see cref="MaxCoveringCells"/>, that together cover every
    /// point within <paramref name="radiusKm"/> of <paramref name="center"/> (its latitude/longitude bounding box).
    /// </summary>
    public static IReadOnlyList<string> Cover(GeoPoint center, double radiusKm)
    {
        ArgumentNullException.ThrowIfNull(center);
        var latDelta = radiusKm / GeoDistance.EarthRadiusKm * 180 / Math.PI;
        var south = Math.Max(-90, center.Latitude - latDelta);
        var north = Math.Min(90, center.Latitude + latDelta);
        var cosine = Math.Cos(Math.Max(Math.Abs(south), Math.Abs(north)) * Math.PI / 180);
        var lonDelta = cosine < 1e-6 || north >= 90 || south <= -90 ? 180 : Math.Min(180, latDelta / cosine);
        for (var precision = IndexPrecision; precision >= 1; precision--)
        {
            var (cellLat, cellLon) = CellSize(precision);
            var rows = (int)Math.Floor((north + 90) / cellLat) - (int)Math.Floor((south + 90) / cellLat) + 1;
            var columns = lonDelta >= 180 ? (int)Math.Round(360 / cellLon) : (int)Math.Ceiling(2 * lonDelta / cellLon) + 1;
            if ((long)rows * columns > MaxCoveringCells)
            {
                continue;
            }

            var cells = new SortedSet<string>(StringComparer.Ordinal);
            for (var r = 0; r < rows; r++)
            {
                var lat = Math.Min(90 - (cellLat / 2), south + (r * cellLat));
                for (var c = 0; c < columns; c++)
                {
                    var lon = lonDelta >= 180 ? -180 + (cellLon / 2) + (c * cellLon) : center.Longitude - lonDelta + (c * cellLon);
                    cells.Add(Encode(new GeoPoint(lat, Wrap(lon)), precision));
                }

                // The box's edges themselves, which the steps above may stop short of.
                cells.Add(Encode(new GeoPoint(lat, Wrap(center.Longitude + Math.Min(lonDelta, 179.999999))), precision));
            }

            cells.Add(Encode(new GeoPoint(north >= 90 ? 89.999999 : north, Wrap(center.Longitude)), precision));
            if (cells.Count <= MaxCoveringCells)
            {
                return [.. cells];
            }
        }

        // Precision 1 always fits a hemisphere or less; only the whole Earth reaches here: every top cell.
        return Alphabet.Select(c => c.ToString()).ToList();
    }

    /// <summary>Height and width in degrees of a cell of the given precision.</summary>
    public static (double Latitude, double Longitude) CellSize(int precision)
    {
        var bits = precision * 5;
        var lonBits = (bits + 1) / 2;
        var latBits = bits / 2;
        return (180 / Math.Pow(2, latBits), 360 / Math.Pow(2, lonBits));
    }

    private static double Wrap(double longitude)
    {
        var wrapped = ((longitude + 180) % 360 + 360) % 360 - 180;
        return Math.Clamp(wrapped, -180, 179.9999999);
    }
}
