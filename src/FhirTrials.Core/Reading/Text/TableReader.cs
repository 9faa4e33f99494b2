namespace FhirTrials.Core.Reading.Text;

/// <summary>
/// A pipe table whose header cells are labels ("Condition or disease | Intervention/treatment | Phase |"): each
/// column's cells are read as values of that column's field.
/// </summary>
internal static class TableReader
{
    public static void Read(PageSection table, RecordWriter writer)
    {
        var record = writer.Record;
        var cells = PipeRowParser.MultiLineCells(table.Body);
        for (var i = 0; i < cells.Count; i++)
        {
            var column = table.Columns[i % table.Columns.Count];
            var lines = cells[i];
            switch (column)
            {
                case PageField.Conditions:
                    lines.ForEach(l => writer.Add("conditions", record.Conditions, l.Content, LineSpan.Of(l)));
                    break;
                case PageField.Keywords:
                    lines.ForEach(l => writer.Add("keywords", record.Keywords, l.Content, LineSpan.Of(l)));
                    break;
                case PageField.Interventions:
                    InterventionReader.ReadTyped(lines, writer);
                    break;
                case PageField.Phase:
                    lines.ForEach(l => FieldWriters.Phases(l.Content, l, writer));
                    break;
                default:
                    lines.ForEach(l => writer.Warn(column.ToString(), $"Table column '{column}' is not read from tables: '{l.Content}'", l.Number));
                    break;
            }
        }
    }
}
