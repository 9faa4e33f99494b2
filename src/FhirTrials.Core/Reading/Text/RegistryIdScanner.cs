using FhirTrials.Core.Reading.Normalization;

namespace FhirTrials.Core.Reading.Text;

/// <summary>
/// Registry ids a page gives outside an id label: in the title block ("ISRCTN12345678 DOI 10.1186/ISRCTN12345678"),
/// or on a short line that names the registry or says it is a registration ("Registered with ANZCTR:
/// ACTRN12622000123456p"). Read in page order before the labelled sections, so the id a registry prints at the top,
/// its own, comes first. Prose (summaries, descriptions, criteria, references) is never scanned: it cites other
/// trials ("our earlier trial, ClinicalTrials.gov: NCT02213705").
/// </summary>
internal static class RegistryIdScanner
{
    private const int LongestScannedLine = 160;

    // Words that say the id beside them registers this trial (in the five languages the reader knows).
    private static readonly string[] Cues =
    [
        "trial id", "trial number", "study id", "identifier", "identifiant", "identificador", "kennung",
        "numero", "number", "nummer", "id", "ids", "no", "nr", "n", "ictrp", "who", "doi",
    ];

    private static readonly HashSet<PageField> ScannedFields =
        [PageField.Preamble, PageField.Unlabelled, PageField.ValueBlock, PageField.Unknown, PageField.Ignored];

    public static void Read(IEnumerable<PageSection> sections, RecordWriter writer)
    {
        foreach (var section in sections.Where(s => ScannedFields.Contains(s.Field)))
        {
            var lines = section.Field == PageField.Unknown && section.LabelLine is { } label
                ? section.ContentLines.Prepend(label)
                : section.ContentLines;
            foreach (var line in lines.Where(l => l.Text.Length <= LongestScannedLine))
            {
                // A line that is only an id, under no label, is the vocabulary recogniser's: it reads it as inferred.
                if (section.Field is PageField.Unlabelled or PageField.ValueBlock && IdentifierParser.TryRegistryId(line.Content, out _))
                {
                    continue;
                }

                foreach (var (format, value, index) in RegistryFormats.FindAll(line.Text))
                {
                    if (Gives(section.Field, line.Text, format, index) && !writer.Record.Identifiers.Any(i => string.Equals(i.Value, value, StringComparison.OrdinalIgnoreCase)))
                    {
                        FieldWriters.Identifier(IdentifierParser.Of(format, value, null), LineSpan.Of(line), writer);
                        if (section.Field != PageField.Preamble)
                        {
                            // Beside a registry's name, not under an id label: read from its shape, so said to be inferred.
                            writer.Infer("identifiers", line, value);
                        }
                    }
                }
            }
        }
    }

    private static bool Gives(PageField field, string line, RegistryFormat format, int index)
    {
        var before = " " + TextKey.Of(line.AsSpan(0, index)) + " ";
        var namesRegistry = format.Names.Any(n => before.Contains(" " + n + " ", StringComparison.Ordinal));
        if (!format.SelfNamed)
        {
            // A bare number (EudraCT's 2019-001234-56) is an id only with its registry named before it.
            return namesRegistry;
        }

        return field == PageField.Preamble || namesRegistry
            || before.Trim().Length == 0
            || before.Contains(" regist", StringComparison.Ordinal)
            || Cues.Any(c => before.Contains(" " + c + " ", StringComparison.Ordinal));
    }
}
