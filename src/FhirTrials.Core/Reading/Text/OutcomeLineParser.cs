namespace FhirTrials.Core.Reading.Text;

/// <summary>Reads "measure [ Time Frame: when ]description" outcome lines (CT.gov page style), and "measure [when] description" (ICTRP).</summary>
internal static class OutcomeLineParser
{
    public static bool HasTimeFrame(string text) => IndexOfTimeFrame(text) >= 0;

    public static (string Measure, string? TimeFrame, string? Description) Parse(string text)
    {
        var open = IndexOfTimeFrame(text);
        if (open < 0)
        {
            return BracketedTime(text) is var (at, end)
                ? (text[..at].Trim(), text[(at + 1)..end].Trim(), text[(end + 1)..].Trim() is { Length: > 0 } rest ? rest : null)
                : (text.Trim(), null, null);
        }

        var colon = text.IndexOf(':', open);
        var close = text.IndexOf(']', colon);
        var measure = text[..open].Trim();
        if (close < 0)
        {
            return (measure, text[(colon + 1)..].Trim(), null);
        }

        var description = text[(close + 1)..].Trim();
        return (measure, text[(colon + 1)..close].Trim(), description.Length > 0 ? description : null);
    }

    // "Incidence of nausea [24 hours after surgery] Simplified impact scale" (ICTRP): a bracket after the measure that
    // names a time (a unit of time, baseline, a visit or discharge) is its time frame, though no "Time Frame:" says so.
    private static readonly string[] TimeWords =
        ["minute", "minutes", "hour", "hours", "day", "days", "week", "weeks", "month", "months", "year", "years", "baseline", "visit", "discharge"];

    private static (int Open, int Close)? BracketedTime(string text)
    {
        var open = text.IndexOf('[', StringComparison.Ordinal);
        var close = open > 0 ? text.IndexOf(']', open) : -1;
        if (close < 0 || text.AsSpan(0, open).Trim().Length == 0)
        {
            return null;
        }

        var key = Normalization.TextKey.Of(text.AsSpan(open + 1, close - open - 1));
        return TimeWords.Any(w => Normalization.TextKey.HasWord(key, w)) ? (open, close) : null;
    }

    private static int IndexOfTimeFrame(string text)
    {
        var at = text.IndexOf('[', StringComparison.Ordinal);
        while (at >= 0)
        {
            var rest = text.AsSpan(at + 1).TrimStart();
            if (rest.StartsWith("Time Frame", StringComparison.OrdinalIgnoreCase) && text.IndexOf(':', at) > 0)
            {
                return at;
            }

            at = text.IndexOf('[', at + 1);
        }

        return -1;
    }
}

