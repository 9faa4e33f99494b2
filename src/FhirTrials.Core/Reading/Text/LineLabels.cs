using System.Collections.Frozen;
using FhirTrials.Core.Reading.Normalization;

namespace FhirTrials.Core.Reading.Text;

/// <summary>
/// The label a page line opens a section with, in any of the page shapes: "Label: value" (or a tab after the label),
/// a heading line, a label run into its value, "Label : | value |" rows, and pipe tables whose header cells are
/// labels. The section the line is under decides what a "Key: value" line is: a child of an owning section
/// ("Description:" under an arm), text of a prose section, or an unknown label of its own.
/// </summary>
internal static class LineLabels
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

    private static readonly FrozenSet<string> ChildLabels = new[]
    {
        "description", "treatment", "treatments", "role", "identifier type", "identifier source", "time frame", "contact", "phone",
        "telephone", "tel", "email", "e mail", "type", "affiliation", "arm", "intervention", "interventions", "other names",
        "other name", "status", "site status", "city", "country", "facility", "investigator", "principal investigator",
        "sub investigator", "backup contact", "doi", "pmid", "pubmed", "measure", "title", "intervention type", "arm type",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> ChildLabelsLookup = ChildLabels.GetAlternateLookup<ReadOnlySpan<char>>();

    public static bool TryOpen(PageLine line, PageLine? next, PageSection current, out PageSection section)
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
            var left = line.Text.AsSpan(0, colon);
            if (IsChild(left, current))
            {
                return false;
            }

            if (!LabelDictionary.TryMatch(left, out var match))
            {
                // Above the first label an unknown "Word: text" is a banner or notice, left to the preamble reader.
                var label = left.ToString();
                if (current.Field != PageField.Preamble && (LabelDictionary.HasItemNumber(label) || (!Owners.Contains(current.Field) && !FreeText.Contains(current.Field)))
                    && current.Shape != LabelShape.PipeTable
                    && current.Field is not (PageField.Ignored or PageField.OtherTrials) && LabelShapes.LooksLikeLabel(label) && !PageFurniture.IsFurniture(line))
                {
                    section = new PageSection(PageField.Unknown, LabelShape.Colon, line);
                    return true;
                }

                return false;
            }

            section = new PageSection(match.Field, LabelShape.Colon, line, match.Qualifier);
            AddIfPresent(section.InlineValues, line.Text.AsSpan(colon + 1));
            return true;
        }

        if (AwaitsPartyName(current) && LabelShapes.PartyOfNameSubLabel(line.Text, current.LabelText) is { } party)
        {
            section = new PageSection(party, LabelShape.Heading, line);
            return true;
        }

        // "Volunteers" then "Accepts Healthy Volunteers": a label-like line right under a heading of its own field is its value.
        if (LabelDictionary.TryMatch(line.Text, out var heading)
            && !(heading.Field == current.Field && current.AwaitsFirstValue && !LabelShapes.NamesItsField(line.Text)))
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

        // "Primary Sponsor" then "Name | Acme Ltd |" (a table copied as text): the name row under the party's heading.
        if (cells.Count == 2 && AwaitsPartyName(current) && LabelShapes.PartyOfNameSubLabel(cells[0], current.LabelText) is { } party)
        {
            section = new PageSection(party, LabelShape.PipeRow, line);
            AddCells(section, cells);
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
        if (colon > 0 && !IsChild(first.AsSpan(0, colon), current) && LabelDictionary.TryMatch(first.AsSpan(0, colon), out match))
        {
            section = new PageSection(match.Field, LabelShape.PipeRow, line, match.Qualifier);
            AddIfPresent(section.InlineValues, first.AsSpan(colon + 1));
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

    // A sponsor heading before its value, or a sponsor type ("Primary sponsor type", then "University", then "Name").
    private static bool AwaitsPartyName(PageSection current) => current.AwaitsFirstValue || current.Field == PageField.FunderType;

    private static bool IsChild(ReadOnlySpan<char> label, PageSection current)
    {
        if (!Owners.Contains(current.Field))
        {
            return false;
        }

        var buffer = label.Length <= 128 ? stackalloc char[128] : new char[label.Length];
        return ChildLabelsLookup.Contains(buffer[..TextKey.Write(label, buffer)]);
    }

    private static void AddIfPresent(List<string> values, string value)
    {
        value = value.Trim();
        if (value.Length > 0)
        {
            values.Add(value);
        }
    }

    private static void AddIfPresent(List<string> values, ReadOnlySpan<char> value)
    {
        value = value.Trim();
        if (value.Length > 0)
        {
            values.Add(value.ToString());
        }
    }
}
