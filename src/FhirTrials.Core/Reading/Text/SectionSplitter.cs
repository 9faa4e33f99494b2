using System.Buffers;
using System.Collections.Frozen;
using FhirTrials.Core.Reading.Normalization;

namespace FhirTrials.Core.Reading.Text;

/// <summary>
/// Cuts a page into labelled sections in one pass over its lines: a line that opens a label (<see cref="LineLabels"/>)
/// starts a section, and the lines up to the next label are its body. Furniture is dropped, a stop line (FAQs,
/// footer) ends the section above it, and the one-sentence blurb some sites print under a heading is skipped.
/// </summary>
internal static class SectionSplitter
{
    // Sections whose values are short items, one per line: a paragraph cannot be one of them.
    private static readonly FrozenSet<PageField> ListFields = new[]
    {
        PageField.Locations, PageField.Conditions, PageField.Keywords, PageField.Countries, PageField.Interventions,
    }.ToFrozenSet();

    // Sections where a patient-facing site speaks to the reader about the trial itself ("You can take part if...").
    private static readonly FrozenSet<PageField> AddressesReader = new[]
    {
        PageField.BriefSummary, PageField.DetailedDescription, PageField.Eligibility,
    }.ToFrozenSet();

    public static List<PageSection> Split(IReadOnlyList<PageLine> lines)
    {
        var current = new PageSection(PageField.Preamble, LabelShape.None, null);
        var sections = new List<PageSection> { current };
        var tableCells = 0;
        var navigation = PageFurniture.NavigationLines(lines);
        // Every line's key is asked for by the furniture and stop checks: written into one buffer, never allocated.
        var keyBuffer = ArrayPool<char>.Shared.Rent(lines.Count == 0 ? 1 : lines.Max(l => l.Content.Length) + 1);
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (navigation.Contains(line.Number))
            {
                continue;
            }

            if (line.IsBlank)
            {
                if (current.Shape == LabelShape.PipeTable && tableCells % current.Columns.Count == 0)
                {
                    current = Open(sections, new PageSection(PageField.Unlabelled, LabelShape.None, null));
                }

                current.Body.Add(line);
                continue;
            }

            var next = i + 1 < lines.Count ? lines[i + 1] : null;
            if (LineLabels.TryOpen(line, next, current, out var labelled))
            {
                current = Open(sections, labelled);
                if (labelled.Shape == LabelShape.PipeTable)
                {
                    tableCells = 0;
                    i++; // the "---|---|" separator row
                }

                continue;
            }

            if (current.Shape == LabelShape.PipeTable)
            {
                if (line.HasPipe || tableCells % current.Columns.Count != 0 || PipeBeforeBlank(lines, i))
                {
                    tableCells += line.Text.Count(c => c == '|');
                    current.Body.Add(line);
                    continue;
                }

                current = Open(sections, new PageSection(PageField.Unlabelled, LabelShape.None, null));
            }

            var key = keyBuffer.AsSpan(0, TextKey.Write(line.Content, keyBuffer));
            if (PageFurniture.IsStop(line, key))
            {
                current = Open(sections, new PageSection(PageField.Ignored, LabelShape.None, line));
                continue;
            }

            if (PageFurniture.IsFurniture(line, key) || (current.AwaitsFirstValue && PageFurniture.IsBlurb(line))
                || (!AddressesReader.Contains(current.Field) && line.Marker == ListMarker.None && PageFurniture.IsReaderAddress(line, key)))
            {
                continue;
            }

            if (MarkdownLabels.TryContinue(line, current))
            {
                continue;
            }

            if (ListFields.Contains(current.Field) && LabelShapes.IsProseHeading(line, next))
            {
                // "About this trial" over a paragraph ends a list of sites or conditions, though no label names it.
                current = Open(sections, new PageSection(PageField.Unlabelled, LabelShape.Heading, line));
                continue;
            }

            if (current.Field != PageField.Locations && LabelShapes.IsCountryRow(line))
            {
                current = Open(sections, new PageSection(PageField.Locations, LabelShape.Implicit, null));
            }

            current.Body.Add(line);
        }

        ArrayPool<char>.Shared.Return(keyBuffer);

        // A table closed by a blank line opens an unlabelled section that may never get a line.
        sections.RemoveAll(s => s.Field == PageField.Unlabelled && !s.ContentLines.Any());
        return sections;
    }

    // A table row whose first cell spans lines starts with a line without a pipe; its pipe comes before the next blank line.
    private static bool PipeBeforeBlank(IReadOnlyList<PageLine> lines, int from)
    {
        for (var i = from; i < lines.Count && !lines[i].IsBlank; i++)
        {
            if (lines[i].HasPipe)
            {
                return true;
            }

            if (lines[i].Marker != ListMarker.None)
            {
                return false;
            }
        }

        return false;
    }

    private static PageSection Open(List<PageSection> sections, PageSection section)
    {
        sections.Add(section);
        return section;
    }
}
