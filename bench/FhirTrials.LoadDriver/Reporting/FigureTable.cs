using System.Globalization;
using System.Text;

namespace FhirTrials.LoadDriver.Reporting;

/// <summary>
/// The printed result: one row per figure, with its target when the issue sets one. A missed target is printed as
/// information; the driver still exits 0 (it is a measurement, not a gate).
/// </summary>
internal sealed class FigureTable(string title)
{
    private readonly List<string[]> _rows = [];

    public void Add(string figure, double value, string unit, string? target = null, bool? met = null) =>
        _rows.Add([figure, Format(value), unit, target ?? "", met is null ? "" : met.Value ? "yes" : "MISSED"]);

    /// <summary>A figure whose target is an upper bound, e.g. a ratio at most 1.3.</summary>
    public void AddAtMost(string figure, double value, string unit, double limit) =>
        Add(figure, value, unit, "<= " + Format(limit), value <= limit);

    /// <summary>A figure whose target is a lower bound, e.g. at least 1,000 documents per second.</summary>
    public void AddAtLeast(string figure, double value, string unit, double limit) =>
        Add(figure, value, unit, ">= " + Format(limit), value >= limit);

    public override string ToString()
    {
        string[] header = ["figure", "value", "unit", "target", "met"];
        var widths = header.Select((h, i) => _rows.Select(r => r[i].Length).Prepend(h.Length).Max()).ToArray();
        var text = new StringBuilder().AppendLine().AppendLine("## " + title).AppendLine();
        Line(text, header, widths);
        Line(text, [.. widths.Select(w => new string('-', w))], widths);
        foreach (var row in _rows)
        {
            Line(text, row, widths);
        }

        return text.ToString();
    }

    private static void Line(StringBuilder text, string[] cells, int[] widths) =>
        text.Append("| ").AppendJoin(" | ", cells.Select((c, i) => i == 1 ? c.PadLeft(widths[i]) : c.PadRight(widths[i]))).AppendLine(" |");

    private static string Format(double value) =>
        double.IsNaN(value) ? "n/a"
        : Math.Abs(value) >= 100 ? value.ToString("#,0", CultureInfo.InvariantCulture)
        : value.ToString("0.00", CultureInfo.InvariantCulture);
}
