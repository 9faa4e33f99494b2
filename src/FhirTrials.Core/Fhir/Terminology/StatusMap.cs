using FhirTrials.Core.Records;
using Hl7.Fhir.Model;

namespace FhirTrials.Core.Fhir.Terminology;

/// <summary>
/// Registry recruitment status -> R4 <c>ResearchStudy.status</c> (required binding), the R5 progress state carried in
/// the cross-version extension, and the PlanDefinition (publication) status.
/// </summary>
/// <remarks>
/// <code>
/// Registry status            R4 status                      R5 progressStatus.state        PlanDefinition
/// Not yet recruiting         approved                       not-yet-recruiting             active
/// Recruiting                 active                         recruiting                     active
/// Enrolling by invitation    active                         enrolling-by-invitation        active
/// Active, not recruiting     closed-to-accrual              active-but-not-recruiting      active
/// Suspended                  temporarily-closed-to-accrual  temporarily-closed-to-accrual  active
/// Terminated                 administratively-completed     terminated                     retired
/// Completed                  completed                      completed                      retired
/// Withdrawn                  withdrawn                      withdrawn                      retired
/// Unknown status             closed-to-accrual              (text only)                    unknown
/// Withheld                   closed-to-accrual              (text only)                    unknown
/// (no status given)          closed-to-accrual              (none)                         unknown
/// Available (exp. access)    active                         active                         active
/// No longer available        closed-to-accrual              closed-to-accrual              retired
/// Temporarily not available  temporarily-closed-to-accrual  temporarily-closed-to-accrual  active
/// Approved for marketing     completed                      (text only)                    retired
/// </code>
/// Unknown, Withheld and a missing status become closed-to-accrual: R4 has no "unknown" code, the element is
/// mandatory, and a study whose state nobody vouches for must never be shown to patients as open for accrual. The
/// registry's own words are kept in the R5 progressStatus extension, so nothing is lost.
/// </remarks>
public static class StatusMap
{
    public static ResearchStudy.ResearchStudyStatus ToR4(RecruitmentStatus? status) => status switch
    {
        RecruitmentStatus.NotYetRecruiting => ResearchStudy.ResearchStudyStatus.Approved,
        RecruitmentStatus.Recruiting => ResearchStudy.ResearchStudyStatus.Active,
        RecruitmentStatus.EnrollingByInvitation => ResearchStudy.ResearchStudyStatus.Active,
        RecruitmentStatus.ActiveNotRecruiting => ResearchStudy.ResearchStudyStatus.ClosedToAccrual,
        RecruitmentStatus.Suspended => ResearchStudy.ResearchStudyStatus.TemporarilyClosedToAccrual,
        RecruitmentStatus.Terminated => ResearchStudy.ResearchStudyStatus.AdministrativelyCompleted,
        RecruitmentStatus.Completed => ResearchStudy.ResearchStudyStatus.Completed,
        RecruitmentStatus.Withdrawn => ResearchStudy.ResearchStudyStatus.Withdrawn,
        RecruitmentStatus.Available => ResearchStudy.ResearchStudyStatus.Active,
        RecruitmentStatus.NoLongerAvailable => ResearchStudy.ResearchStudyStatus.ClosedToAccrual,
        RecruitmentStatus.TemporarilyNotAvailable => ResearchStudy.ResearchStudyStatus.TemporarilyClosedToAccrual,
        RecruitmentStatus.ApprovedForMarketing => ResearchStudy.ResearchStudyStatus.Completed,
        RecruitmentStatus.Unknown or RecruitmentStatus.Withheld or null => ResearchStudy.ResearchStudyStatus.ClosedToAccrual,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Recruitment status without a FHIR mapping"),
    };

    /// <summary>The R5 research-study-status code for the registry status, or null when R5 has none.</summary>
    public static string? ToR5State(RecruitmentStatus? status) => status switch
    {
        RecruitmentStatus.NotYetRecruiting => "not-yet-recruiting",
        RecruitmentStatus.Recruiting => "recruiting",
        RecruitmentStatus.EnrollingByInvitation => "enrolling-by-invitation",
        RecruitmentStatus.ActiveNotRecruiting => "active-but-not-recruiting",
        RecruitmentStatus.Suspended => "temporarily-closed-to-accrual",
        RecruitmentStatus.Terminated => "terminated",
        RecruitmentStatus.Completed => "completed",
        RecruitmentStatus.Withdrawn => "withdrawn",
        RecruitmentStatus.Available => "active",
        RecruitmentStatus.NoLongerAvailable => "closed-to-accrual",
        RecruitmentStatus.TemporarilyNotAvailable => "temporarily-closed-to-accrual",
        _ => null,
    };

    /// <summary>The protocol is in force while the study runs, retired once it ended, unknown when nobody says.</summary>
    public static PublicationStatus ToPlanStatus(RecruitmentStatus? status) => status switch
    {
        RecruitmentStatus.Terminated or RecruitmentStatus.Completed or RecruitmentStatus.Withdrawn
            or RecruitmentStatus.NoLongerAvailable or RecruitmentStatus.ApprovedForMarketing => PublicationStatus.Retired,
        RecruitmentStatus.Unknown or RecruitmentStatus.Withheld or null => PublicationStatus.Unknown,
        _ => PublicationStatus.Active,
    };

    /// <summary>The registry's words when the record did not keep them (CT.gov display forms).</summary>
    public static string Describe(RecruitmentStatus status) => status switch
    {
        RecruitmentStatus.NotYetRecruiting => "Not yet recruiting",
        RecruitmentStatus.Recruiting => "Recruiting",
        RecruitmentStatus.EnrollingByInvitation => "Enrolling by invitation",
        RecruitmentStatus.ActiveNotRecruiting => "Active, not recruiting",
        RecruitmentStatus.Suspended => "Suspended",
        RecruitmentStatus.Terminated => "Terminated",
        RecruitmentStatus.Completed => "Completed",
        RecruitmentStatus.Withdrawn => "Withdrawn",
        RecruitmentStatus.Unknown => "Unknown status",
        RecruitmentStatus.Withheld => "Withheld",
        RecruitmentStatus.Available => "Available",
        RecruitmentStatus.NoLongerAvailable => "No longer available",
        RecruitmentStatus.TemporarilyNotAvailable => "Temporarily not available",
        RecruitmentStatus.ApprovedForMarketing => "Approved for marketing",
        _ => status.ToString(),
    };
}
