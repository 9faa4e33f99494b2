using FhirTrials.Core.Records;

namespace FhirTrials.Core.Reading.Text;

/// <summary>
/// CT.gov classic pages end with "Keywords provided by ..." and "Additional relevant MeSH terms" blocks; copied as
/// text they often lose both labels and their separators, leaving pipe-ended lines of run-together terms after the
/// last labelled row. On that layout, the first such line is the keywords and the following ones the MeSH terms.
/// </summary>
internal static class TrailingTermsReader
{
    public static void Read(RecordWriter writer, int lastContentLine)
    {
        var record = writer.Record;
        if (record.Source.Layout != "ctgov-classic-page")
        {
            return;
        }

        var trailing = new List<PageLine>();
        var expected = lastContentLine;
        foreach (var (line, _) in writer.Orphans.OrderByDescending(o => o.Line.Number))
        {
            if (line.Number != expected || !line.Text.EndsWith('|') || line.Text.Contains(':', StringComparison.Ordinal))
            {
                break;
            }

            trailing.Insert(0, line);
            expected--;
        }

        if (trailing.Count < 2)
        {
            return;
        }

        var known = record.Conditions.Concat(record.Interventions.Select(i => i.Name)).ToList();
        foreach (var keyword in TermLineSplitter.Split(PipeRowParser.Cells(trailing[0].Text).FirstOrDefault() ?? string.Empty, known))
        {
            writer.Add("keywords", record.Keywords, keyword, LineSpan.Of(trailing[0]));
        }

        foreach (var line in trailing.Skip(1))
        {
            foreach (var term in TermLineSplitter.Split(PipeRowParser.Cells(line.Text).FirstOrDefault() ?? string.Empty, known))
            {
                writer.Add("conditionMeshTerms", record.ConditionMeshTerms, new MeshTerm(term), LineSpan.Of(line));
            }
        }

        writer.Orphans.RemoveAll(o => trailing.Contains(o.Line));
    }
}
