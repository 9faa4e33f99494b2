using FhirTrials.Core.Reading.Normalization;
using FhirTrials.Core.Records;

namespace FhirTrials.Core.Reading.Text;

/// <summary>An outcomes section: "measure [ Time Frame: ... ]" lines, or a measure line with "Time Frame:"/"Description:" children.</summary>
internal static class OutcomeReader
{
    public static void Read(IReadOnlyList<PageLine> lines, OutcomeKind kind, RecordWriter writer)
    {
        var record = writer.Record;
        Outcome? current = null;
        foreach (var line in lines)
        {
            var colon = line.Content.IndexOf(':', StringComparison.Ordinal);
            var child = colon > 0 ? TextKey.Of(line.Content.AsSpan(0, colon)) : string.Empty;
            if (current is not null && child == "time frame")
            {
                current.TimeFrame = line.Content[(colon + 1)..].Trim();
                continue;
            }

            if (current is not null && child == "description")
            {
                current.Description = line.Content[(colon + 1)..].Trim();
                continue;
            }

            var (measure, timeFrame, description) = OutcomeLineParser.Parse(line.Content);
            current = new Outcome { Kind = kind, Measure = measure, TimeFrame = timeFrame, Description = description };
            record.Outcomes.Add(current);
            writer.Trace($"outcomes[{record.Outcomes.Count - 1}]", LineSpan.Of(line));
        }
    }
}
