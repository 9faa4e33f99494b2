namespace FhirTrials.Core.Reading.Text;

/// <summary>
/// Markdown and plain-export structure the splitter reads as labels: headings of any level (ATX or setext, see
/// <see cref="PageLines"/>) and "Label: value" lines whose value continues on indented lines.
/// </summary>
internal static class MarkdownLabels
{
    // Text sections whose own sub-headings ("### Background" under "## Description") are part of the text; any other
    // section (a list of conditions, a value) ends at the next heading of any level.
    private static readonly HashSet<PageField> Prose =
    [
        PageField.BriefSummary, PageField.DetailedDescription, PageField.Eligibility, PageField.Inclusion, PageField.Exclusion,
    ];

    // A markdown heading is a section label: a known one opens its field, an unknown one ends the section above it
    // (its lines go to the vocabulary recogniser), unless it is a sub-heading of the text section it sits in or a
    // heading above the first label (the page's title).
    public static bool TryHeading(PageLine line, PageSection current, out PageSection section)
    {
        section = null!;
        var text = line.Text.TrimEnd(':', ' ');
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && LabelDictionary.TryMatch(text.AsSpan(0, colon), out var inline))
        {
            section = new PageSection(inline.Field, LabelShape.Colon, line, inline.Qualifier);
            var value = text[(colon + 1)..].Trim();
            if (value.Length > 0)
            {
                section.InlineValues.Add(value);
            }

            return true;
        }

        if (LabelDictionary.TryMatch(text, out var match))
        {
            section = new PageSection(match.Field, LabelShape.Heading, line, match.Qualifier);
            return true;
        }

        var currentLevel = current.LabelLine?.HeadingLevel ?? 0;
        if (current.Field == PageField.Preamble || (Prose.Contains(current.Field) && currentLevel > 0 && line.HeadingLevel > currentLevel))
        {
            return false;
        }

        section = new PageSection(PageField.Unlabelled, LabelShape.Heading, line);
        return true;
    }

    // "Title: A study of...\n      continued on an indented line": the indented line continues the label's value.
    public static bool TryContinue(PageLine line, PageSection current)
    {
        if (current.Shape != LabelShape.Colon || current.InlineValues.Count != 1 || current.Body.Count > 0 || current.LabelLine is not { } label
            || line.Marker != ListMarker.None || line.Indent <= label.Indent || line.HeadingLevel > 0)
        {
            return false;
        }

        current.InlineValues[0] += " " + line.Content;
        return true;
    }
}
