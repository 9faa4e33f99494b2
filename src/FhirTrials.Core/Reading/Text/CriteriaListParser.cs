namespace FhirTrials.Core.Reading.Text;

/// <summary>
/// Splits a criteria block into items, verbatim. When the block is a list, each list item is one item, and a
/// nested item (deeper indent) is its own item too, after its parent: criteria are checked one by one, and a
/// sub-criterion ("Multiple sexual partners ...") is a condition of its own. A line without a marker continues
/// the item directly above it (no blank line between), unless it is a short value the vocabulary recogniser
/// knows ("18 Years", "ALL"): sites that drop labels print the age and sex lines right under the exclusion list.
/// A block with no markers at all has one item per line. An item the source flattened onto one line ("Man or
/// menopausal woman. - With IBM defined by ...") stays as the source shows it: splitting at " - " would also
/// split hyphenated text.
/// </summary>
internal static class CriteriaListParser
{
    public static (List<(string Text, LineSpan Span)> Items, List<PageLine> Leftovers) Parse(IReadOnlyList<PageLine> lines)
    {
        var items = new List<(string Text, LineSpan Span)>();
        var leftovers = new List<PageLine>();
        var isList = lines.Any(l => l.Marker != ListMarker.None);
        foreach (var line in lines)
        {
            if (!isList || line.Marker != ListMarker.None)
            {
                items.Add((line.Content, LineSpan.Of(line)));
            }
            else if (items.Count == 0 || line.Number != items[^1].Span.Last + 1 || UnlabelledValueRecognizer.IsKnownValue(line.Text))
            {
                leftovers.Add(line);
            }
            else
            {
                var (text, span) = items[^1];
                items[^1] = ($"{text} {line.Content}", span with { Last = line.Number });
            }
        }

        return (items, leftovers);
    }
}
