using FhirTrials.Core.Reading.Normalization;
using FhirTrials.Core.Records;

namespace FhirTrials.Core.Reading.Text;

/// <summary>
/// Yes/No grids, where the label is the value and "Yes" ticks it: the EU CTR's "Therapeutic exploratory (Phase II)
/// Yes", "Double blind Yes", "Parallel group Yes", "Female Yes" / "Male Yes". A ticked label that names a phase,
/// a design value or a sex is read as that value; "No" rows say nothing and are passed over quietly.
/// </summary>
internal static class CheckboxGridReader
{
    public static bool TryRead(PageSection section, RecordWriter writer)
    {
        var separator = section.LabelLine is { } labelLine ? LabelDictionary.SeparatorIndex(labelLine.Text) : -1;
        if (separator <= 0 || !ParticipantNormalizer.TryParseYesNo(section.LabelLine!.Text[(separator + 1)..], out var ticked))
        {
            return false;
        }

        var line = section.LabelLine;
        var label = LabelDictionary.WithoutItemNumber(line.Text[..separator]);
        if (!Names(label))
        {
            return false;
        }

        if (ticked)
        {
            Apply(label, LineSpan.Of(line), writer);
        }

        return true;
    }

    private static bool Names(string label) =>
        PhaseNormalizer.TryParse(label, out _) || DesignNormalizer.TryParseMasking(label, out _, out _)
        || DesignNormalizer.TryParseAllocation(label, out _) || DesignNormalizer.TryParseInterventionModel(label, out _)
        || ParticipantNormalizer.TryParseSex(label, out _);

    private static void Apply(string label, LineSpan span, RecordWriter writer)
    {
        var record = writer.Record;
        var design = record.Design;
        if (PhaseNormalizer.TryParse(label, out var phases))
        {
            phases.ToList().ForEach(p => writer.Add("phases", record.Phases, p, span));
        }
        else if (DesignNormalizer.TryParseMasking(label, out var masking, out _))
        {
            writer.Set("design.masking", design.Masking, masking, v => design.Masking = v, span);
        }
        else if (DesignNormalizer.TryParseAllocation(label, out var allocation))
        {
            writer.Set("design.allocation", design.Allocation, allocation, v => design.Allocation = v, span);
        }
        else if (DesignNormalizer.TryParseInterventionModel(label, out var model))
        {
            writer.Set("design.interventionModel", design.InterventionModel, model, v => design.InterventionModel = v, span);
        }
        else if (ParticipantNormalizer.TryParseSex(label, out var sex))
        {
            // "Female Yes" then "Male Yes": both sexes.
            var eligibility = record.Eligibility;
            var both = eligibility.Sex is { } existing && existing != sex ? Sex.All : sex;
            writer.Set("eligibility.sex", both == sex ? eligibility.Sex : null, both, v => eligibility.Sex = v, span);
        }
    }
}
