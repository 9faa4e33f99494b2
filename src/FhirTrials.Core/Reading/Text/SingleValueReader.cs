using FhirTrials.Core.Reading.Normalization;
using FhirTrials.Core.Records;

namespace FhirTrials.Core.Reading.Text;

/// <summary>Single-valued fields (titles, status, design, dates, ages, flags): one value, normalised or reported.</summary>
internal static class SingleValueReader
{
    public static void Read(PageSection section, PageLine value, RecordWriter writer)
    {
        var record = writer.Record;
        var design = record.Design;
        var eligibility = record.Eligibility;
        var text = value.Content;
        var span = LineSpan.Of(value);
        var dates = record.Dates;
        if (section.Field is PageField.BriefTitle or PageField.OfficialTitle or PageField.Acronym or PageField.Sponsor && Vocabulary.IsNoValue(text))
        {
            return;
        }

        switch (section.Field)
        {
            case PageField.NctId:
                FieldWriters.Identifiers([value], writer);
                break;
            case PageField.BriefTitle:
                writer.Set("briefTitle", record.BriefTitle, text, v => record.BriefTitle = v, span);
                break;
            case PageField.OfficialTitle:
                writer.Set("officialTitle", record.OfficialTitle, text, v => record.OfficialTitle = v, span);
                break;
            case PageField.Acronym:
                writer.Set("acronym", record.Acronym, text, v => record.Acronym = v, span);
                break;
            case PageField.Status when StatusNormalizer.TryParse(text, out var status):
                FieldWriters.Status(text, status, span, writer);
                break;
            case PageField.Phase:
                FieldWriters.Phases(text, value, writer);
                break;
            case PageField.StudyType when DesignNormalizer.TryParseStudyType(text, out var type):
                writer.Set("studyType", record.StudyType, type, v => record.StudyType = v, span);
                break;
            case PageField.Allocation when DesignNormalizer.TryParseAllocation(text, out var allocation):
                writer.Set("design.allocation", design.Allocation, allocation, v => design.Allocation = v, span);
                break;
            case PageField.InterventionModel when DesignNormalizer.TryParseInterventionModel(text, out var model):
                writer.Set("design.interventionModel", design.InterventionModel, model, v => design.InterventionModel = v, span);
                break;
            case PageField.Masking when DesignNormalizer.TryParseMasking(text, out var masking, out var roles):
                if (writer.Set("design.masking", design.Masking, masking, v => design.Masking = v, span))
                {
                    design.MaskedRoles.AddRange(roles);
                }

                break;
            case PageField.PrimaryPurpose when DesignNormalizer.TryParsePrimaryPurpose(text, out var purpose):
                writer.Set("design.primaryPurpose", design.PrimaryPurpose, purpose, v => design.PrimaryPurpose = v, span);
                break;
            case PageField.Enrollment when EnrollmentNormalizer.TryParse(text, KindOf(section.Qualifier), out var enrollment):
                // The count reached replaces the target ("Target sample size: 80", then "Actual sample size reached: 80").
                var replaces = record.Enrollment?.Kind == EnrollmentKind.Estimated && enrollment!.Kind == EnrollmentKind.Actual;
                writer.Set("enrollment", replaces ? null : record.Enrollment, enrollment!, v => record.Enrollment = v, span);
                break;
            case PageField.StartDate:
                FieldWriters.Date("dates.start", value, section.Qualifier, writer, v => dates.Start = v, dates.Start);
                break;
            case PageField.PrimaryCompletionDate:
                FieldWriters.Date("dates.primaryCompletion", value, section.Qualifier, writer, v => dates.PrimaryCompletion = v, dates.PrimaryCompletion);
                break;
            case PageField.CompletionDate:
                FieldWriters.Date("dates.completion", value, section.Qualifier, writer, v => dates.Completion = v, dates.Completion);
                break;
            case PageField.FirstSubmitted:
                FieldWriters.Date("dates.firstSubmitted", value, section.Qualifier, writer, v => dates.FirstSubmitted = v, dates.FirstSubmitted);
                break;
            case PageField.FirstPosted:
                FieldWriters.Date("dates.firstPosted", value, section.Qualifier, writer, v => dates.FirstPosted = v, dates.FirstPosted);
                break;
            case PageField.LastUpdatePosted:
                FieldWriters.Date("dates.lastUpdatePosted", value, section.Qualifier, writer, v => dates.LastUpdatePosted = v, dates.LastUpdatePosted);
                break;
            case PageField.LastVerified:
                FieldWriters.Date("dates.lastVerified", value, section.Qualifier, writer, v => dates.LastVerified = v, dates.LastVerified);
                break;
            case PageField.Ages when AgeNormalizer.TryParseRange(text, out var range):
                FieldWriters.Ages(range!, span, writer);
                break;
            case PageField.MinimumAge or PageField.MaximumAge when AgeNormalizer.TryParseAge(text, out var age):
                var isMinimum = section.Field == PageField.MinimumAge;
                writer.Set(isMinimum ? "eligibility.minimumAge" : "eligibility.maximumAge", isMinimum ? eligibility.MinimumAge : eligibility.MaximumAge, age!, v =>
                {
                    if (isMinimum)
                    {
                        eligibility.MinimumAge = v;
                    }
                    else
                    {
                        eligibility.MaximumAge = v;
                    }
                }, span);
                break;
            case PageField.MinimumAge or PageField.MaximumAge when AgeNormalizer.IsNoLimit(text):
                break;
            case PageField.Sex when ParticipantNormalizer.TryParseSex(text, out var sex):
                writer.Set("eligibility.sex", eligibility.Sex, sex, v => eligibility.Sex = v, span);
                break;
            case PageField.HealthyVolunteers when ParticipantNormalizer.TryParseHealthyVolunteers(text, out var healthy):
                writer.Set("eligibility.healthyVolunteers", eligibility.HealthyVolunteers, healthy, v => eligibility.HealthyVolunteers = v, span);
                break;
            // "B.Sponsor: 1" (EU CTR numbers its sponsors): a name has letters.
            case PageField.Sponsor when text.Any(char.IsLetter):
                writer.Set("leadSponsor", record.LeadSponsor, new Party(text), v => record.LeadSponsor = v, span);
                break;
            case PageField.FunderType:
                PartyReader.FunderType(value, writer);
                break;
            case PageField.ResponsibleParty:
                PartyReader.ResponsibleParty(section, value, writer);
                break;
            case PageField.FdaDrug or PageField.FdaDevice:
                DisclosureReader.Fda(section.Field, value, writer);
                break;
            case PageField.SourceUrl:
                break;
            default:
                writer.Warn(section.Field.ToString(), $"Section '{section.LabelText}': value '{text}' was not understood", value.Number);
                break;
        }
    }

    private static EnrollmentKind KindOf(string qualifier) => DateNormalizer.KindFromWords(qualifier) switch
    {
        DateKind.Actual => EnrollmentKind.Actual,
        DateKind.Estimated => EnrollmentKind.Estimated,
        _ => EnrollmentKind.Unspecified,
    };
}
