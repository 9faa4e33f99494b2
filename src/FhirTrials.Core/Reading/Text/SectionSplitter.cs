using System.Collections.Frozen;
using FhirTrials.Core.Reading.Normalization;

namespace FhirTrials.Core.Reading.Text;

/// <summary>
/// Cuts a page into labelled sections in one pass over its lines. A label is recognised in any of the page shapes
/// (heading line, "Label: value", "Label : | value |" rows, pipe tables whose header cells are labels); the lines
/// up to the next label are its body. Furniture is dropped, a stop line (FAQs, footer) ends the section above it,
/// and the one-sentence blurb some sites print under a heading is skipped.
/// </summary>
internal static class SectionSplitter
{
    // Sections whose bodies hold their own "Key: value" lines ("Description:", "Role:", "Identifier Type:").
    private static readonly FrozenSet<PageField> Owners = new[]
    {
        PageField.ArmGroups, PageField.ArmsTable, PageField.OtherIdentifiers, PageField.Identifiers, PageField.Officials,
        PageField.Locations, PageField.Sponsors, PageField.PrimaryOutcomes, PageField.SecondaryOutcomes, PageField.OtherOutcomes,
        PageField.Interventions, PageField.CentralContact, PageField.References,
    }.ToFrozenSet();

    // Prose and criteria may hold "Note: ..." or "Age: 18 or older" lines that are part of the text, not labels.
    private static readonly FrozenSet<PageField> FreeText = new[]
    {
        PageField.BriefSummary, PageField.DetailedDescription, PageField.Eligibility, PageField.Inclusion, PageField.Exclusion,
        PageField.IpdDescription,
    }.ToFrozenSet();

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

    private static readonly FrozenSet<string> ChildLabels = new[]
    {
        "description", "treatment", "treatments", "role", "identifier type", "identifier source", "time frame", "contact", "phone",
        "telephone", "tel", "email", "e mail", "type", "affiliation", "arm", "intervention", "interventions", "other names",
        "other name", "status", "site status", "city", "country", "facility", "investigator", "principal investigator",
        "sub investigator", "backup contact", "doi", "pmid", "pubmed", "measure", "title", "intervention type", "arm type",
    }.ToFrozenSet(StringComparer.Ordinal);

    public static List<PageSection> Split(IReadOnlyList<PageLine> lines)
    {
        var current = new PageSection(PageField.Preamble, LabelShape.None, null);
        var sections = new List<PageSection> { current };
        var tableCells = 0;
        var navigation = PageFurniture.NavigationLines(lines);
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
            if (TryLabel(line, next, current, out var labelled))
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

            var key = TextKey.Of(line.Content);
            if (PageFurniture.IsStop(line, key))
            {
                current = Open(sections, new PageSection(PageField.Ignored, LabelShape.None, line));
                continue;
            }

            if (PageFurniture.IsFurniture(line, key) || (IsAwaitingFirstValue(current) && PageFurniture.IsBlurb(line))
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

    private static bool IsAwaitingFirstValue(PageSection section) =>
        section.Shape is LabelShape.Heading or LabelShape.Colon or LabelShape.PipeRow
        && section.InlineValues.Count == 0
        && section.Body.All(l => l.IsBlank);

    private static bool TryLabel(PageLine line, PageLine? next, PageSection current, out PageSection section)
    {
        section = null!;
        if (line.Marker != ListMarker.None)
        {
            return false;
        }

        if (line.HasPipe)
        {
            return TryPipeLabel(line, next, current, out section);
        }

        if (line.HeadingLevel > 0)
        {
            return MarkdownLabels.TryHeading(line, current, out section);
        }

        var colon = LabelDictionary.SeparatorIndex(line.Text);
        if (colon > 0)
        {
            var left = line.Text[..colon];
            if (IsChild(left, current))
            {
                return false;
            }

            if (!LabelDictionary.TryMatch(left, out var match))
            {
                // Above the first label an unknown "Word: text" is a banner or notice, left to the preamble reader.
                if (current.Field != PageField.Preamble && (LabelDictionary.HasItemNumber(left) || (!Owners.Contains(current.Field) && !FreeText.Contains(current.Field)))
                    && current.Shape != LabelShape.PipeTable
                    && current.Field is not (PageField.Ignored or PageField.OtherTrials) && LabelShapes.LooksLikeLabel(left) && !PageFurniture.IsFurniture(line))
                {
                    section = new PageSection(PageField.Unknown, LabelShape.Colon, line);
                    return true;
                }

                return false;
            }

            section = new PageSection(match.Field, LabelShape.Colon, line, match.Qualifier);
            AddIfPresent(section.InlineValues, line.Text[(colon + 1)..]);
            return true;
        }

        if (IsAwaitingFirstValue(current) && LabelShapes.PartyOfNameSubLabel(line.Text, current.LabelText) is { } party)
        {
            section = new PageSection(party, LabelShape.Heading, line);
            return true;
        }

        // "Volunteers" then "Accepts Healthy Volunteers": a label-like line right under a heading of its own field is its value.
        if (LabelDictionary.TryMatch(line.Text, out var heading)
            && !(heading.Field == current.Field && IsAwaitingFirstValue(current) && !LabelShapes.NamesItsField(line.Text)))
        {
            section = new PageSection(heading.Field, LabelShape.Heading, line, heading.Qualifier);
            return true;
        }

        if (LabelShapes.TryRunOnLabel(line, out section))
        {
            return true;
        }

        if (LabelShapes.IsGroupCountHeading(line.Text))
        {
            section = new PageSection(PageField.ArmGroups, LabelShape.Heading, line);
            return true;
        }

        return false;
    }

    private static bool TryPipeLabel(PageLine line, PageLine? next, PageSection current, out PageSection section)
    {
        section = null!;
        var cells = PipeRowParser.Cells(line.Text);
        if (cells.Count > 2 && LabelDictionary.HasItemNumber(cells[0] + " x"))
        {
            cells.RemoveAt(0); // "A.3 | Full title of the trial | ...": the EU CTR's item number is not a cell of the row
        }

        if (cells.Count == 0)
        {
            return false;
        }

        if (cells.Count >= 2 && next is not null && PipeRowParser.IsSeparator(next.Text))
        {
            var columns = new List<PageField>();
            foreach (var cell in cells)
            {
                if (!LabelDictionary.TryMatch(cell, out var column))
                {
                    return false;
                }

                columns.Add(column.Field);
            }

            section = new PageSection(columns[0], LabelShape.PipeTable, line);
            section.Columns.AddRange(columns);
            return true;
        }

        // "Condition | Intervention | Phase" with no separator row below: the header of a table whose cells lost their
        // places (one per line), not a label and its values; the lines below are read by their vocabulary.
        if (cells.Count >= 2 && cells.All(c => LabelDictionary.TryMatch(c.TrimEnd(':', ' '), out _)) && !cells[0].EndsWith(':'))
        {
            section = new PageSection(PageField.Unlabelled, LabelShape.None, null);
            return true;
        }

        var first = cells[0];
        if (LabelDictionary.TryMatch(first.TrimEnd(':', ' '), out var match) && (first.EndsWith(':') || cells.Count > 1))
        {
            section = new PageSection(match.Field, LabelShape.PipeRow, line, match.Qualifier);
            AddCells(section, cells);
            return true;
        }

        var colon = first.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && !IsChild(first[..colon], current) && LabelDictionary.TryMatch(first.AsSpan(0, colon), out match))
        {
            section = new PageSection(match.Field, LabelShape.PipeRow, line, match.Qualifier);
            AddIfPresent(section.InlineValues, first[(colon + 1)..]);
            AddCells(section, cells);
            return true;
        }

        return false;
    }

    private static void AddCells(PageSection section, List<string> cells)
    {
        foreach (var cell in cells.Skip(1))
        {
            AddIfPresent(section.InlineValues, cell);
        }
    }

    private static bool IsChild(string label, PageSection current) =>
        Owners.Contains(current.Field) && ChildLabels.Contains(TextKey.Of(label));

    private static void AddIfPresent(List<string> values, string value)
    {
        value = value.Trim();
        if (value.Length > 0)
        {
            values.Add(value);
        }
    }
}
