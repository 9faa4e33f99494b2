using FhirTrials.Core.Reading.Normalization;

namespace FhirTrials.Core.Reading.Text;

/// <summary>
/// A page cut off part-way (a copy that stopped, a download that ended) is read as far as it goes; when its last
/// section ends on a label with no value, or mid-sentence (on a comma, a connector such as "and"/"of", or a long
/// line of prose without closing punctuation), a warning says the page looks truncated.
/// </summary>
internal static class TruncatedPageCheck
{
    private static readonly HashSet<string> Connectors = new(StringComparer.Ordinal)
    {
        "and", "or", "the", "of", "with", "to", "for", "in", "a", "an", "by", "on", "at", "from", "who", "which", "that", "as",
        "de", "du", "des", "et", "la", "le", "les", "und", "oder", "der", "die", "das", "y", "el", "los", "con",
    };

    private static readonly HashSet<PageField> ProseFields =
    [
        PageField.BriefSummary, PageField.DetailedDescription, PageField.Eligibility, PageField.Inclusion, PageField.Exclusion,
        PageField.Unlabelled, PageField.IpdDescription, PageField.PrimaryOutcomes, PageField.SecondaryOutcomes, PageField.OtherOutcomes,
    ];

    private const int SentenceWords = 6;

    public static void Check(IReadOnlyList<PageSection> sections, RecordWriter writer)
    {
        var last = sections.LastOrDefault(s => s.Field != PageField.Preamble || sections.Count == 1);
        if (last is null || last.Field is PageField.Ignored or PageField.OtherTrials)
        {
            return;
        }

        var values = SectionValues.All(last);
        if (values.Count == 0)
        {
            if (last.LabelLine is { } label)
            {
                writer.Warn(null, $"The page looks cut off: it ends at the label '{RecordWriter.Shorten(label.Text)}' (line {label.Number}) with no value after it", label.Number);
            }

            return;
        }

        var line = values[^1];
        var text = line.Content.TrimEnd();
        var words = TextKey.Of(text).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var endsOnJoin = text.EndsWith(',') || text.EndsWith('-') || text.EndsWith('(') || (words.Length > 1 && Connectors.Contains(words[^1]));
        var openSentence = ProseFields.Contains(last.Field) && words.Length >= SentenceWords && !EndsSentence(text);
        if (endsOnJoin || openSentence)
        {
            writer.Warn(null, $"The page looks cut off: its last section ('{RecordWriter.Shorten(last.LabelText)}') ends mid-sentence at line {line.Number} ('{RecordWriter.Shorten(text)}'); it was read as far as it goes", line.Number);
        }
    }

    private static bool EndsSentence(string text) => text.Length > 0 && ".!?:;)]\"'»”’|…".Contains(text[^1], StringComparison.Ordinal);
}
