using FhirTrials.Core.Reading.Normalization;
using FhirTrials.Core.Records;

namespace FhirTrials.Core.Reading.Text;

/// <summary>
/// Interventions: typed lines ("Drug: Placebo") each name one; an untyped short line names one too, and a long
/// untyped line right under a name is that intervention's description. The same intervention named in several
/// places (conditions table, arms table, treatments list) is one intervention.
/// </summary>
internal static class InterventionReader
{
    // Names are short; a line this long under a name is its description.
    private const int DescriptionLength = 60;

    public static void ReadSection(IReadOnlyList<PageLine> lines, RecordWriter writer)
    {
        Intervention? current = null;
        foreach (var line in lines)
        {
            var typed = InterventionNormalizer.TrySplitTypedName(line.Content, out _, out _);
            if (!typed && current is { Description: null } && line.Content.Length >= DescriptionLength)
            {
                current.Description = line.Content;
                Retrace(writer, current, line);
                continue;
            }

            current = Find(writer.Record, line.Content, writer, line);
        }
    }

    /// <summary>A table cell's interventions: typed lines start one, other lines describe the one above.</summary>
    public static List<Intervention> ReadTyped(IReadOnlyList<PageLine> lines, RecordWriter writer)
    {
        var found = new List<Intervention>();
        foreach (var line in lines)
        {
            if (found.Count > 0 && !InterventionNormalizer.TrySplitTypedName(line.Content, out _, out _))
            {
                var last = found[^1];
                last.Description = last.Description is null ? line.Content : $"{last.Description}\n{line.Content}";
                Retrace(writer, last, line);
                continue;
            }

            found.Add(Find(writer.Record, line.Content, writer, line));
        }

        return found;
    }

    /// <summary>The intervention named by the text ("Biological: ADSVF" or "ADSVF"), added when new.</summary>
    public static Intervention Find(TrialRecord record, string text, RecordWriter writer, PageLine line)
    {
        InterventionType? type = null;
        var name = text.Trim();
        if (InterventionNormalizer.TrySplitTypedName(text, out var parsedType, out var parsedName))
        {
            type = parsedType;
            name = parsedName;
        }

        var existing = record.Interventions.FirstOrDefault(i => string.Equals(i.Name, name, StringComparison.OrdinalIgnoreCase));
        if (existing is not null)
        {
            existing.Type ??= type;
            return existing;
        }

        var intervention = new Intervention { Name = name, Type = type };
        record.Interventions.Add(intervention);
        writer.Trace($"interventions[{record.Interventions.Count - 1}]", LineSpan.Of(line));
        return intervention;
    }

    private static void Retrace(RecordWriter writer, Intervention intervention, PageLine line)
    {
        var index = writer.Record.Interventions.IndexOf(intervention);
        var field = $"interventions[{index}]";
        var previous = writer.Record.Provenance.FindLast(p => p.Field == field);
        writer.Record.Provenance.RemoveAll(p => p.Field == field);
        writer.Trace(field, new LineSpan(previous?.FirstLine ?? line.Number, Math.Max(previous?.LastLine ?? 0, line.Number)));
    }
}
