namespace FhirTrials.Core.Reading.Text;

/// <summary>Reads "measure [ Time Frame: when ]description" outcome lines (CT.gov page style).</summary>
internal static class OutcomeLineParser
{
    public static bool HasTimeFrame(string text) => IndexOfTimeFrame(text) >= 0;

    public static (string Measure, string? TimeFrame, string? Description) Parse(string text)
    {
        var open = IndexOfTimeFrame(text);
        if (open < 0)
        {
            return (text.Trim(), null, null);
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

