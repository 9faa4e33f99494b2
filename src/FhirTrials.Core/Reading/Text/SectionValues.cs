namespace FhirTrials.Core.Reading.Text;

/// <summary>A section's values as lines: the value on the label's line (if any) first, then the body's content lines.</summary>
internal static class SectionValues
{
    public static List<PageLine> All(PageSection section)
    {
        var values = new List<PageLine>();
        if (section.LabelLine is { } label)
        {
            foreach (var inline in section.InlineValues)
            {
                values.Add(label with { Text = inline, Content = inline, Marker = ListMarker.None });
            }
        }

        values.AddRange(section.ContentLines);
        return TranslationBlocks.FirstLanguage(values);
    }

    /// <summary>
    /// The value of a single-valued field: the inline value, or else the first content line. The remaining lines
    /// belong to no label (a page that lost a heading) and are handed to the vocabulary recogniser.
    /// </summary>
    public static PageLine? Single(PageSection section, RecordWriter writer)
    {
        var values = All(section);
        if (values.Count == 0)
        {
            return null;
        }

        var inlineCount = Math.Max(1, section.InlineValues.Count);
        foreach (var rest in values.Skip(inlineCount))
        {
            writer.Orphans.Add((rest, section.Field));
        }

        // Several cells on one row are one value ("Olivier Benveniste, Professor | APHP" is handled by its reader).
        return section.InlineValues.Count > 1
            ? values[0] with { Text = string.Join(" ", section.InlineValues), Content = string.Join(" ", section.InlineValues) }
            : values[0];
    }

    /// <summary>Paragraph text of the section's lines, paragraphs separated by a blank line, list markers kept.</summary>
    public static (string Text, LineSpan Span)? Paragraphs(PageSection section)
    {
        var values = All(section);
        if (values.Count == 0)
        {
            return null;
        }

        var paragraphs = new List<string>();
        var current = new List<string>();
        foreach (var line in values.Take(section.InlineValues.Count).Concat(section.Body))
        {
            if (line.IsBlank)
            {
                Flush(paragraphs, current);
            }
            else
            {
                current.Add(line.Text);
            }
        }

        Flush(paragraphs, current);
        return (string.Join("\n\n", paragraphs), LineSpan.Of(values));
    }

    private static void Flush(List<string> paragraphs, List<string> current)
    {
        if (current.Count > 0)
        {
            paragraphs.Add(string.Join("\n", current));
            current.Clear();
        }
    }
}
