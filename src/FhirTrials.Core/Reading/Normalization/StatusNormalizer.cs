using FhirTrials.Core.Records;

namespace FhirTrials.Core.Reading.Normalization;

/// <summary>Overall or site recruitment status in CT.gov wording, API enum text, or an aggregator's own words.</summary>
public static class StatusNormalizer
{
    private static readonly Vocabulary<RecruitmentStatus> Wordings = new(
    [
        ("Not yet recruiting", RecruitmentStatus.NotYetRecruiting),
        ("Not yet enrolling", RecruitmentStatus.NotYetRecruiting),
        ("Not yet open", RecruitmentStatus.NotYetRecruiting),
        ("Pending", RecruitmentStatus.NotYetRecruiting),
        ("Recruiting", RecruitmentStatus.Recruiting),
        ("Enrolling", RecruitmentStatus.Recruiting),
        ("Open", RecruitmentStatus.Recruiting),
        ("Open to enrollment", RecruitmentStatus.Recruiting),
        ("Open for recruitment", RecruitmentStatus.Recruiting),
        ("Currently recruiting", RecruitmentStatus.Recruiting),
        ("Recrutement en cours", RecruitmentStatus.Recruiting),
        ("En cours de recrutement", RecruitmentStatus.Recruiting),
        ("Pas encore de recrutement", RecruitmentStatus.NotYetRecruiting),
        ("Recrutement terminé", RecruitmentStatus.ActiveNotRecruiting),
        ("Terminé", RecruitmentStatus.Completed),
        ("Suspendu", RecruitmentStatus.Suspended),
        ("Enrolling by invitation", RecruitmentStatus.EnrollingByInvitation),
        ("Active, not recruiting", RecruitmentStatus.ActiveNotRecruiting),
        ("Active, not enrolling", RecruitmentStatus.ActiveNotRecruiting),
        ("Not recruiting", RecruitmentStatus.ActiveNotRecruiting),
        ("Closed", RecruitmentStatus.ActiveNotRecruiting),
        ("Closed to enrollment", RecruitmentStatus.ActiveNotRecruiting),
        ("Closed to recruitment", RecruitmentStatus.ActiveNotRecruiting),
        ("Recruitment completed", RecruitmentStatus.ActiveNotRecruiting),
        ("Ongoing", RecruitmentStatus.ActiveNotRecruiting),
        ("Suspended", RecruitmentStatus.Suspended),
        ("Temporarily halted", RecruitmentStatus.Suspended),
        ("Terminated", RecruitmentStatus.Terminated),
        ("Stopped early", RecruitmentStatus.Terminated),
        ("Completed", RecruitmentStatus.Completed),
        ("Ended", RecruitmentStatus.Completed),
        ("Withdrawn", RecruitmentStatus.Withdrawn),
        ("Unknown status", RecruitmentStatus.Unknown),
        ("Unknown", RecruitmentStatus.Unknown),
        ("Withheld", RecruitmentStatus.Withheld),
        ("Available", RecruitmentStatus.Available),
        ("No longer available", RecruitmentStatus.NoLongerAvailable),
        ("Temporarily not available", RecruitmentStatus.TemporarilyNotAvailable),
        ("Approved for marketing", RecruitmentStatus.ApprovedForMarketing),
    ]);

    public static bool TryParse(string? text, out RecruitmentStatus status) => Wordings.TryMatch(text, out status);
}
