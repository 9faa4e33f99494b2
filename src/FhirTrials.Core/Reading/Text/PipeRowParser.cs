namespace FhirTrials.Core.Reading.Text;

/// <summary>Cells of "a | b | c |" rows, and the "---|---|" separator under a table header.</summary>
internal static class PipeRowParser
{
    /// <summary>The row's cells, trimmed, without the empty cells that trailing or doubled pipes leave.</summary>
    public static List<string> Cells(string row)
    {
        var cells = new List<string>();
        foreach (var cell in row.Split('|'))
        {
            var trimmed = cell.Trim();
            if (trimmed.Length > 0)
            {
                cells.Add(trimmed);
            }
        }

        return cells;
    }

    public static bool IsSeparator(string row) =>
        row.Contains('-', StringComparison.Ordinal) && row.Contains('|', StringComparison.Ordinal) && row.All(c => c is '-' or '|' or ':' or ' ');

    /// <summary>
    /// Cells of a table body whose cells may span lines (a cell ends at its '|'): each cell's lines, in order.
    /// </summary>
    public static List<List<PageLine>> MultiLineCells(IEnumerable<PageLine> body)
    {
        var cells = new List<List<PageLine>>();
        var current = new List<PageLine>();
        foreach (var line in body)
        {
            var parts = line.Text.Split('|');
            for (var p = 0; p < parts.Length; p++)
            {
                var text = parts[p].Trim();
                if (text.Length > 0)
                {
                    current.Add(line with { Text = text, Content = text });
                }

                if (p < parts.Length - 1)
                {
                    cells.Add(current);
                    current = [];
                }
            }
        }

        if (current.Count > 0)
        {
            cells.Add(current);
        }

        return cells;
    }
}
