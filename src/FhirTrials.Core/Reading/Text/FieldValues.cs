using FhirTrials.Core.Reading.Normalization;

namespace FhirTrials.Core.Reading.Text;

/// <summary>Whether a text is a value of a field with a closed vocabulary (status, phase, sex...).</summary>
internal static class FieldValues
{
    public static bool Accepts(PageField field, string value) => field switch
    {
        PageField.Status => StatusNormalizer.TryParse(value, out _),
        PageField.Phase => PhaseNormalizer.TryParse(value, out _),
        PageField.StudyType => DesignNormalizer.TryParseStudyType(value, out _),
        PageField.Allocation => DesignNormalizer.TryParseAllocation(value, out _),
        PageField.InterventionModel => DesignNormalizer.TryParseInterventionModel(value, out _),
        PageField.Masking => DesignNormalizer.TryParseMasking(value, out _, out _),
        PageField.PrimaryPurpose => DesignNormalizer.TryParsePrimaryPurpose(value, out _),
        PageField.Enrollment => EnrollmentNormalizer.TryParse(value, Records.EnrollmentKind.Unspecified, out _),
        PageField.Ages => AgeNormalizer.TryParseRange(value, out _),
        PageField.MinimumAge or PageField.MaximumAge => AgeNormalizer.TryParseAge(value, out _),
        PageField.Sex => ParticipantNormalizer.TryParseSex(value, out _),
        PageField.HealthyVolunteers => ParticipantNormalizer.TryParseHealthyVolunteers(value, out _),
        PageField.NctId or PageField.Identifiers => IdentifierParser.TryRegistryId(value, out _),
        PageField.StartDate or PageField.PrimaryCompletionDate or PageField.CompletionDate or PageField.FirstSubmitted
            or PageField.FirstPosted or PageField.LastUpdatePosted or PageField.LastVerified => DateNormalizer.TryParse(value, out _),
        _ => false,
    };
}
