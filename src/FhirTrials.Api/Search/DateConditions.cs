using FhirTrials.Api.Errors;
using FhirTrials.Core.Search;

namespace FhirTrials.Api.Search;

/// <summary>
/// FHIR date prefixes over ranges: the search value and each indexed value cover [low, high]. eq: the value's range
/// lies within the search range; ne: not eq; gt/lt: the value's range reaches beyond/before the search range;
/// ge/le: the value's range reaches the search range or beyond/before it; sa/eb: starts after / ends before; ap: overlaps the search range widened by 10% of its
/// distance from now (at least a day).
/// </summary>
/// <remarks>
/// Index rows sort by their value's low end, so gt and ge, which ask about the high end, read the whole partition,
/// except for a parameter holding instants (<c>_lastUpdated</c>, "what changed since T", the incremental sync's
/// question): an instant's range spans at most a second (FHIR instants carry seconds; ours milliseconds), so its low
/// end is within a second of its high end and the rows from a second before the bound on are all it can match.
/// </remarks>
public static class DateConditions
{
    /// <summary>The widest range an indexed instant covers: a value written to the second.</summary>
    private static readonly TimeSpan InstantSpan = TimeSpan.FromSeconds(1);

    public static IndexCondition Parse(string value, string name, bool instants = false) => Parse(value, name, DateTimeOffset.UtcNow, instants);

    public static IndexCondition Parse(string value, string name, DateTimeOffset now, bool instants = false)
    {
        ArgumentNullException.ThrowIfNull(value);
        var prefix = value.Length >= 2 && char.IsAsciiLetterLower(value[0]) && char.IsAsciiLetterLower(value[1]) ? value[..2] : "eq";
        var literal = value.Length >= 2 && char.IsAsciiLetterLower(value[0]) ? value[2..] : value;
        if (!DateRange.TryParse(literal, out var range))
        {
            throw FhirException.BadRequest($"{name}: '{Rendering.SummaryFilter.Shorten(value)}' is not a FHIR date (yyyy, yyyy-MM, yyyy-MM-dd or a dateTime), optionally after a prefix eq, ne, lt, gt, le, ge, sa, eb or ap.");
        }

        var lo = range.LowKey;
        var hi = range.HighKey;
        var afterHi = hi + "~";
        return prefix switch
        {
            "eq" => IndexCondition.Range(lo, afterHi, (_, l, h) => Within(l, h, lo, hi)),
            "ne" => IndexCondition.Scan((_, l, h) => !Within(l, h, lo, hi)),
            "lt" => IndexCondition.Range(null, lo, (_, l, _) => Less(l, lo)),
            "le" => IndexCondition.Range(null, afterHi, (_, l, _) => !Less(hi, l)),
            "gt" when instants => IndexCondition.Range(Earlier(range.High), null, (_, _, h) => Less(hi, h)),
            "ge" when instants => IndexCondition.Range(Earlier(range.Low), null, (_, _, h) => !Less(h, lo)),
            "gt" => IndexCondition.Scan((_, _, h) => Less(hi, h)),
            "ge" => IndexCondition.Scan((_, _, h) => !Less(h, lo)),
            "sa" => IndexCondition.Range(afterHi, null, (_, l, _) => Less(hi, l)),
            "eb" => IndexCondition.Range(null, lo, (_, _, h) => Less(h, lo)),
            "ap" => Approximately(range, now),
            _ => throw FhirException.BadRequest($"{name}: unknown date prefix '{prefix}' (use eq, ne, lt, gt, le, ge, sa, eb or ap)."),
        };
    }

    private static IndexCondition Approximately(DateRange range, DateTimeOffset now)
    {
        var distance = TimeSpan.FromTicks(Math.Abs((now - range.Low).Ticks) / 10);
        var slack = distance < TimeSpan.FromDays(1) ? TimeSpan.FromDays(1) : distance;
        var lo = DateRange.Format(range.Low - slack < DateRange.Earliest + slack ? DateRange.Earliest : range.Low - slack);
        var hi = DateRange.Format(range.High > DateRange.Latest - slack ? DateRange.Latest : range.High + slack);
        return IndexCondition.Range(null, hi + "~", (_, l, h) => !Less(h, lo) && !Less(hi, l));
    }

    private static string Earlier(DateTimeOffset bound) =>
        DateRange.Format(bound - DateRange.Earliest < InstantSpan ? DateRange.Earliest : bound - InstantSpan);

    private static bool Within(string? low, string? high, string lo, string hi) =>
        low is not null && high is not null && !Less(low, lo) && !Less(hi, high);

    private static bool Less(string? a, string? b) =>
        a is not null && b is not null && string.CompareOrdinal(a, b) < 0;
}
