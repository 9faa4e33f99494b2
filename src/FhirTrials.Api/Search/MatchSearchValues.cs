using System.Globalization;
using FhirTrials.Api.Errors;
using FhirTrials.Api.Rendering;
using FhirTrials.Core.Matching;
using FhirTrials.Core.Search;

namespace FhirTrials.Api.Search;

/// <summary>
/// Values of the number (<c>eligible-age</c>) and special (<c>near</c>, <c>site-near</c>) parameters as index lookups.
/// eligible-age=N: one RowKey range in one partition, rows whose lower bound is at most N, kept when the upper bound is
/// at least N. near=lat|lon|distance|unit: at most <see cref="Geohash.MaxCoveringCells"/> prefix lookups (the geohash
/// cells covering the circle) in one partition, kept when the haversine distance is within range.
/// </summary>
public static class MatchSearchValues
{
    /// <summary>R4 leaves a missing distance to the server: this one.</summary>
    public const double DefaultDistanceKm = 50;

    /// <summary>Half the Earth's circumference: anything further is everywhere.</summary>
    public const double MaxDistanceKm = 20_000;

    public static SearchClause Number(SearchParameterInfo parameter, string? modifier, IReadOnlyList<string> values, string name)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (modifier is not null)
        {
            throw FhirException.BadRequest($"{name}: unknown or unsupported modifier (supported: missing).");
        }

        return new SearchClause(parameter, modifier, values.Select(v => Age(v, name)).ToList());
    }

    public static SearchClause Near(SearchParameterInfo parameter, string? modifier, IReadOnlyList<string> values, string name)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (modifier is not null)
        {
            throw FhirException.BadRequest($"{name}: unknown or unsupported modifier (supported: missing).");
        }

        var conditions = new List<IndexCondition>();
        foreach (var value in values)
        {
            var (center, km) = ParseNear(value, name);
            foreach (var cell in Geohash.Cover(center, km))
            {
                conditions.Add(new IndexCondition(IndexLookup.Prefix, cell, null, null,
                    (key, low, _) => key.StartsWith(cell, StringComparison.Ordinal)
                        && NearKeys.ParsePoint(low) is { } point && GeoDistance.Kilometres(center, point) <= km));
            }
        }

        return new SearchClause(parameter, modifier, conditions);
    }

    /// <summary>An age in whole years (eq prefix allowed) as the range condition of <c>eligible-age</c>.</summary>
    public static IndexCondition Age(string value, string name)
    {
        ArgumentNullException.ThrowIfNull(value);
        var number = value.StartsWith("eq", StringComparison.Ordinal) ? value[2..] : value;
        if (!int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var years) || years > 150)
        {
            throw FhirException.BadRequest($"{name}: '{SummaryFilter.Shorten(value)}' is not an age in whole years (0 to 150).");
        }

        var key = NearKeys.Years(years);
        return IndexCondition.Range(null, key + "~", (_, low, high) =>
            low is not null && high is not null && string.CompareOrdinal(low, key) <= 0 && string.CompareOrdinal(key, high) <= 0);
    }

    /// <summary>R4 near: latitude|longitude|distance|unit, distance and unit optional (km and UCUM m, [mi_i]).</summary>
    public static (GeoPoint Center, double Km) ParseNear(string value, string name)
    {
        ArgumentNullException.ThrowIfNull(value);
        var parts = value.Split('|');
        if (parts.Length is < 2 or > 4
            || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var latitude)
            || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var longitude)
            || !GeoPoint.IsValid(latitude, longitude))
        {
            throw FhirException.BadRequest($"{name}: '{SummaryFilter.Shorten(value)}' is not latitude|longitude|distance|unit (degrees -90..90 and -180..180).");
        }

        var km = DefaultDistanceKm;
        if (parts.Length >= 3 && parts[2].Length > 0)
        {
            if (!double.TryParse(parts[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var distance) || distance < 0 || !double.IsFinite(distance)
                || GeoDistance.ToKilometres(distance, parts.Length == 4 ? parts[3] : null) is not { } converted)
            {
                throw FhirException.BadRequest($"{name}: '{SummaryFilter.Shorten(value)}' has no valid distance and unit (a number and km, m or [mi_i]).");
            }

            km = Math.Min(converted, MaxDistanceKm);
        }

        return (new GeoPoint(latitude, longitude), km);
    }
}
