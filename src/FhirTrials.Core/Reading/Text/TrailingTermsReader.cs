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
        foreach (var keyword in Terms(trailing[0], "keywords", known, writer))
        {
            writer.Add("keywords", record.Keywords, keyword, LineSpan.Of(trailing[0]));
        }

        foreach (var line in trailing.Skip(1))
        {
            foreach (var term in Terms(line, "conditionMeshTerms", known, writer))
            {
                writer.Add("conditionMeshTerms", record.ConditionMeshTerms, new MeshTerm(term), LineSpan.Of(line));
            }
        }

        writer.Orphans.RemoveAll(o => trailing.Contains(o.Line));
    }

    // The labels of these blocks were lost with the copy: which list the line is, and its terms, are both inferred.
    private static List<string> Terms(PageLine line, string field, List<string> known, RecordWriter writer)
    {
        var text = PipeRowParser.Cells(line.Text).FirstOrDefault() ?? string.Empty;
        var split = TermLineSplitter.SplitWithEvidence(text, known);
        writer.Infer(field, line, text);
        if (split.Guesses.Count > 0)
        {
            writer.Warn(field, $"Line {line.Number}: terms run together were split by guess ({string.Join("; ", split.Guesses)})", line.Number);
        }

        return split.Terms;
    }
}
