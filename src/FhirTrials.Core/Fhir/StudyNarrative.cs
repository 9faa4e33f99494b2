using FhirTrials.Core.Fhir.Terminology;
using FhirTrials.Core.Records;
using Hl7.Fhir.Model;

namespace FhirTrials.Core.Fhir;

/// <summary>The ResearchStudy's human-readable summary: what a clinician needs to judge the trial at a glance.</summary>
internal static class StudyNarrative
{
    public static Narrative Build(ResearchStudy study, TrialRecord record)
    {
        var enrollment = record.Enrollment is { } e
            ? e.Count + (e.Kind == EnrollmentKind.Unspecified ? "" : $" ({e.Kind.ToString().ToLowerInvariant()})")
            : null;
        return new NarrativeBuilder(study.Title ?? "Research study")
            .Row("Identifiers", string.Join(", ", study.Identifier.Select(i => i.Value)))
            .Row("Status", (record.StatusText ?? (record.Status is { } s ? StatusMap.Describe(s) : null)) is { } words
                ? $"{words} (FHIR: {study.Status?.ToString()})"
                : null)
            .Row("Phase", study.Phase?.Text)
            .Row("Design", string.Join("; ", study.Category.Select(c => c.Text)))
            .Row("Primary purpose", study.PrimaryPurposeType?.Text)
            .Row("Conditions", string.Join("; ", study.Condition.Select(c => c.Text)))
            .Row("Interventions", string.Join("; ", record.Interventions.Select(i => i.Name)))
            .Row("Sponsor", study.Sponsor?.Display)
            .Row("Collaborators", string.Join("; ", record.Collaborators.Select(c => c.Name)))
            .Row("Enrollment", enrollment)
            .Row("Start", StudyDates.Describe(StudyDates.Valid(record.Dates.Start)))
            .Row("Primary completion", StudyDates.Describe(StudyDates.Valid(record.Dates.PrimaryCompletion)))
            .Row("Completion", StudyDates.Describe(StudyDates.Valid(record.Dates.Completion)))
            .Row("Countries", string.Join(", ", study.Location.Select(l => l.Coding.FirstOrDefault()?.Display ?? l.Text)))
            .Row("Why stopped", record.WhyStopped)
            .Paragraph(record.BriefSummary)
            .List("Arms", record.Arms.Select(a => a.Description is null ? a.Label : $"{a.Label}: {a.Description}"))
            .List("Outcome measures", record.Outcomes.Select(o => (o.Kind == OutcomeKind.Unspecified ? "" : o.Kind + ": ") + o.Measure + (o.TimeFrame is null ? "" : $" [{o.TimeFrame}]")))
            .List("Sites", study.Site.Select(s => s.Display))
            .List("Contacts", record.CentralContacts.Select(c => string.Join(", ", new[] { c.Name, c.Phone, c.Email }.Where(x => !string.IsNullOrWhiteSpace(x)))))
            .ToNarrative();
    }
}
