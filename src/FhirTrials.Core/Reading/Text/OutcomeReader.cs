using FhirTrials.Core.Reading.Normalization;
using FhirTrials.Core.Records;

namespace FhirTrials.Core.Reading.Text;

/// <summary>
/// An outcomes section: "measure [ Time Frame: ... ]" lines, a measure line with "Time Frame:"/"Description:"
/// children, or a table "Outcome Measure | Measure Description | Time Frame |" (CT.gov's current pages).
/// </summary>
internal static class OutcomeReader
{
    public static void Read(IReadOnlyList<PageLine> lines, OutcomeKind kind, RecordWriter writer)
    {
        var record = writer.Record;
        Outcome? current = null;
        int[]? columns = null;
        var awaitingTimeFrame = false;
        foreach (var line in lines)
        {
            if (line.HasPipe && (columns ??= TableColumns(line)) is { } table)
            {
                AddRow(line, table, kind, writer);
                continue;
            }

            if (current is not null && line.HasPipe && TimeFrameCell(line) is { } cellTimeFrame)
            {
                current.TimeFrame = cellTimeFrame;
                continue;
            }

            if (awaitingTimeFrame && current is not null)
            {
                current.TimeFrame = line.Content;
                awaitingTimeFrame = false;
                continue;
            }

            if (current is not null && IsTimeFrameLabel(line.Content))
            {
                awaitingTimeFrame = true;
                continue;
            }

            var colon = line.Content.IndexOf(':', StringComparison.Ordinal);
            var child = colon > 0 ? TextKey.Of(line.Content.AsSpan(0, colon)) : string.Empty;
            if (current is not null && (child == "time frame" || IsTimeFrameLabel(child)))
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

    // "Timepoint", "Timepoint [1]", "TimePoints" (ANZCTR, IRCT, CTRI): a measure's child label whose value follows it.
    private static bool IsTimeFrameLabel(string text)
    {
        var bracket = text.IndexOf('[', StringComparison.Ordinal);
        var key = TextKey.Compact(bracket > 0 ? text[..bracket] : text);
        return key is "timepoint" or "timepoints" or "timeframe" || key.StartsWith("timepointsofevaluation", StringComparison.Ordinal);
    }

    // "E.5.1.1 | Timepoint(s) of evaluation of this end point | Week 8 |" (EU CTR): the cell after the label is the time frame.
    private static string? TimeFrameCell(PageLine row)
    {
        var cells = PipeRowParser.Cells(row.Content);
        var label = cells.FindIndex(c => IsTimeFrameLabel(c));
        return label >= 0 && label + 1 < cells.Count && cells[label + 1].Length > 0 ? cells[label + 1] : null;
    }

    // Column positions of measure, description and time frame; null when the row is not such a header.
    private static int[]? TableColumns(PageLine header)
    {
        var cells = PipeRowParser.Cells(header.Content).Select(c => TextKey.Of(c)).ToList();
        int[] columns = [cells.FindIndex(c => c is "outcome measure" or "measure" or "outcome" or "title"), cells.FindIndex(c => c is "measure description" or "description"), cells.IndexOf("time frame")];
        return columns[0] >= 0 && columns[2] >= 0 ? columns : null;
    }

    private static void AddRow(PageLine row, int[] columns, OutcomeKind kind, RecordWriter writer)
    {
        var cells = row.Content.Split('|').Select(c => c.Trim()).ToList();
        string? Cell(int index) => index >= 0 && index < cells.Count && cells[index].Length > 0 ? cells[index] : null;
        if (PipeRowParser.IsSeparator(row.Content) || Cell(columns[0]) is not { } measure || TextKey.Of(measure) is "outcome measure" or "measure" or "outcome" or "title")
        {
            return;
        }

        writer.Record.Outcomes.Add(new Outcome { Kind = kind, Measure = measure, Description = Cell(columns[1]), TimeFrame = Cell(columns[2]) });
        writer.Trace($"outcomes[{writer.Record.Outcomes.Count - 1}]", LineSpan.Of(row));
    }
}
