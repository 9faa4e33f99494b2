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
    public static void ReadBlock(IReadOnlyList<PageLine> lines, RecordWriter writer)
    {
        var record = writer.Record;
        ArmGroup? arm = null;
        var mode = "description";
        var first = 0;
        for (var i = 0; i < lines.Count; i++)
        {
            var text = lines[i].Content;
            var key = TextKey.Of(text);
            if (arm is not null && key is "description")
            {
                mode = "description";
                continue;
            }

            if (arm is not null && key is "treatment" or "treatments" or "intervention" or "interventions")
            {
                mode = "treatment";
                continue;
            }

            var nextIsType = i + 1 < lines.Count && InterventionNormalizer.TryParseArmType(lines[i + 1].Content, out _)
                && TextKey.Of(lines[i + 1].Content).Split(' ').Length <= 3;
            if (arm is null || (nextIsType && mode != "type"))
            {
                arm = new ArmGroup { Label = text };
                record.Arms.Add(arm);
                first = lines[i].Number;
                mode = nextIsType ? "type" : "description";
                Trace(writer, record, first, lines[i].Number);
                continue;
            }

            if (mode == "type")
            {
                if (InterventionNormalizer.TryParseArmType(text, out var type))
                {
                    arm.Type = type;
                }
                else
                {
                    arm.TypeText = text;
                }

                mode = "description";
            }
            else if (mode == "treatment" || record.Interventions.Any(iv => iv.Name == text))
            {
                var intervention = InterventionReader.Find(record, text, writer, lines[i]);
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
                arm.Description = arm.Description is null ? lines[i].Text : $"{arm.Description}\n{lines[i].Text}";
            }

            Trace(writer, record, first, lines[i].Number);
        }
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
