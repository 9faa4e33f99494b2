using FhirTrials.Core.Reading.Normalization;
using FhirTrials.Core.Records;

namespace FhirTrials.Core.Reading.Text;

/// <summary>
/// Identifier lists: one or more ids per line ("APHP180593 2020-005876-36 ( EudraCT Number )"), or the
/// aggregator shape where each id is followed by "Identifier Type: OTHER_GRANT" and "Identifier Source: org_study_id".
/// </summary>
internal static class OtherIdentifierBlock
{
    public static void Read(IReadOnlyList<PageLine> lines, RecordWriter writer)
    {
        if (!lines.Any(l => ChildKey(l) is "identifier type" or "identifier source"))
        {
            FieldWriters.Identifiers(lines, writer);
            return;
        }

        for (var i = 0; i < lines.Count; i++)
        {
            if (ChildKey(lines[i]) is not null)
            {
                continue;
            }

            var value = lines[i].Content;
            string? typeText = null;
            string? source = null;
            var first = lines[i].Number;
            var last = first;
            while (i + 1 < lines.Count && ChildKey(lines[i + 1]) is { } child)
            {
                i++;
                last = lines[i].Number;
                var childValue = lines[i].Content[(lines[i].Content.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
                if (child == "identifier type")
                {
                    // "-" is how the aggregator prints "no type".
                    typeText = childValue is "-" or "" ? null : childValue;
                }
                else if (child == "identifier source")
                {
                    source = childValue;
                }
            }

            var identifier = TextKey.Of(source ?? string.Empty) == "org study id"
                ? new TrialIdentifier(value, IdentifierKind.SponsorProtocol, typeText)
                : IdentifierParser.Recognise(value, typeText, firstUnqualified: false);
            FieldWriters.Identifier(identifier, new LineSpan(first, last), writer);
        }
    }

    private static string? ChildKey(PageLine line)
    {
        var colon = line.Content.IndexOf(':', StringComparison.Ordinal);
        var key = colon > 0 ? TextKey.Of(line.Content.AsSpan(0, colon)) : null;
        return key is "identifier type" or "identifier source" ? key : null;
    }
}
