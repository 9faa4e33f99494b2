using FhirTrials.Core.Reading.Normalization;
using FhirTrials.Core.Records;

namespace FhirTrials.Core.Reading.Text;

/// <summary>
/// Arms/groups in the shapes pages print them. A block of groups: a label line, then optionally a type line
/// ("Placebo Comparator group"), "Description:" and "Treatment:" children (Veeva). A group's lines that name a
/// known intervention link it; lines right after such a name that repeat its description are not the group's.
/// Also the CT.gov classic "Arm | Intervention/treatment |" table, whose cells span lines.
/// </summary>
internal static class ArmGroupParser
{
    private enum Expecting
    {
        Type,
        Description,
        Interventions,
    }

    public static void ReadBlock(IReadOnlyList<PageLine> lines, RecordWriter writer)
    {
        var record = writer.Record;
        ArmGroup? arm = null;
        var expecting = Expecting.Description;
        var first = 0;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            string? rest = null;
            if (arm is not null && TryChildLabel(line, out var child, out rest))
            {
                expecting = child;
                if (rest is null)
                {
                    continue;
                }

                // "Treatment: Drug: AdMSC" on one line: the rest is read as the child's first value.
                line = line with { Text = rest, Content = rest };
            }

            var text = line.Content;
            var nextIsType = i + 1 < lines.Count && IsTypeLine(lines[i + 1].Content);
            if (arm is null || (nextIsType && expecting != Expecting.Type && rest is null))
            {
                arm = new ArmGroup { Label = text };
                record.Arms.Add(arm);
                first = line.Number;
                expecting = nextIsType ? Expecting.Type : Expecting.Description;
                Trace(writer, record, first, line.Number);
                continue;
            }

            if (expecting == Expecting.Type && InterventionNormalizer.TryParseArmType(text, out var type))
            {
                arm.Type = type;
                expecting = Expecting.Description;
            }
            else if (expecting == Expecting.Interventions || record.Interventions.Any(iv => iv.Name == text))
            {
                var intervention = InterventionReader.Find(record, text, writer, line);
                Link(arm, intervention);
                // A description printed under the intervention's name in the group repeats the intervention's own.
                if (i + 1 < lines.Count && intervention.Description == lines[i + 1].Content)
                {
                    i++;
                }
            }
            else
            {
                // Verbatim, list markers included: a group's description may itself be a list of cohorts.
                arm.Description = arm.Description is null ? line.Text : $"{arm.Description}\n{line.Text}";
            }

            Trace(writer, record, first, lines[i].Number);
        }
    }

    // "Experimental group", "Placebo Comparator group", "Other": a short line naming an arm type.
    private static bool IsTypeLine(string text) =>
        InterventionNormalizer.TryParseArmType(text, out _) && TextKey.Of(text).Split(' ').Length <= 3;

    private static bool TryChildLabel(PageLine line, out Expecting child, out string? rest)
    {
        child = Expecting.Description;
        rest = null;
        var colon = line.Content.IndexOf(':', StringComparison.Ordinal);
        var key = TextKey.Of(colon > 0 ? line.Content.AsSpan(0, colon) : line.Content);
        if (key is "description")
        {
            child = Expecting.Description;
        }
        else if (key is "treatment" or "treatments" or "intervention" or "interventions")
        {
            child = Expecting.Interventions;
        }
        else
        {
            return false;
        }

        var after = colon > 0 ? line.Content[(colon + 1)..].Trim() : string.Empty;
        rest = after.Length > 0 ? after : null;
        return true;
    }

    /// <summary>The "Arm | Intervention/treatment |" table: "Type: Label" then description; "Type: Name" then description.</summary>
    public static void ReadTable(PageSection table, RecordWriter writer)
    {
        var record = writer.Record;
        var cells = PipeRowParser.MultiLineCells(table.Body);
        var columns = table.Columns.Count;
        for (var row = 0; row + columns <= cells.Count; row += columns)
        {
            var armCell = cells[row];
            if (armCell.Count == 0)
            {
                continue;
            }

            var head = armCell[0].Content;
            var colon = head.IndexOf(':', StringComparison.Ordinal);
            var arm = new ArmGroup { Label = colon > 0 ? head[(colon + 1)..].Trim() : head };
            if (colon > 0)
            {
                if (InterventionNormalizer.TryParseArmType(head[..colon], out var type))
                {
                    arm.Type = type;
                }
                else
                {
                    arm.TypeText = head[..colon].Trim();
                }
            }

            var description = string.Join("\n", armCell.Skip(1).Select(l => l.Content));
            arm.Description = description.Length > 0 ? description : null;
            record.Arms.Add(arm);
            var span = LineSpan.Of(armCell);
            for (var c = 1; c < columns; c++)
            {
                foreach (var intervention in InterventionReader.ReadTyped(cells[row + c], writer))
                {
                    Link(arm, intervention);
                    span = span with { Last = Math.Max(span.Last, LineSpan.Of(cells[row + c]).Last) };
                }
            }

            writer.Trace($"arms[{record.Arms.Count - 1}]", span);
        }
    }

    private static void Link(ArmGroup arm, Intervention intervention)
    {
        if (!arm.InterventionNames.Contains(intervention.Name))
        {
            arm.InterventionNames.Add(intervention.Name);
        }

        if (!intervention.ArmLabels.Contains(arm.Label))
        {
            intervention.ArmLabels.Add(arm.Label);
        }
    }

    private static void Trace(RecordWriter writer, TrialRecord record, int first, int last)
    {
        var field = $"arms[{record.Arms.Count - 1}]";
        record.Provenance.RemoveAll(p => p.Field == field);
        writer.Trace(field, new LineSpan(first, last));
    }
}
