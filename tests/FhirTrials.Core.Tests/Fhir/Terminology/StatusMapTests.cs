using FhirTrials.Core.Fhir.Terminology;
using FhirTrials.Core.Records;
using Hl7.Fhir.Model;
using Hl7.Fhir.Utility;

namespace FhirTrials.Core.Tests.Fhir.Terminology;

public sealed class StatusMapTests
{
    // Registry status, R4 ResearchStudy.status, R5 progress state (null: text only), PlanDefinition status.
    public static TheoryData<RecruitmentStatus?, string, string?, string> Table => new()
    {
        { RecruitmentStatus.NotYetRecruiting, "approved", "not-yet-recruiting", "active" },
        { RecruitmentStatus.Recruiting, "active", "recruiting", "active" },
        { RecruitmentStatus.EnrollingByInvitation, "active", "enrolling-by-invitation", "active" },
        { RecruitmentStatus.ActiveNotRecruiting, "closed-to-accrual", "active-but-not-recruiting", "active" },
        { RecruitmentStatus.Suspended, "temporarily-closed-to-accrual", "temporarily-closed-to-accrual", "active" },
        { RecruitmentStatus.Terminated, "administratively-completed", "terminated", "retired" },
        { RecruitmentStatus.Completed, "completed", "completed", "retired" },
        { RecruitmentStatus.Withdrawn, "withdrawn", "withdrawn", "retired" },
        { RecruitmentStatus.Unknown, "closed-to-accrual", null, "unknown" },
        { RecruitmentStatus.Withheld, "closed-to-accrual", null, "unknown" },
        { RecruitmentStatus.Available, "active", "active", "active" },
        { RecruitmentStatus.NoLongerAvailable, "closed-to-accrual", "closed-to-accrual", "retired" },
        { RecruitmentStatus.TemporarilyNotAvailable, "temporarily-closed-to-accrual", "temporarily-closed-to-accrual", "active" },
        { RecruitmentStatus.ApprovedForMarketing, "completed", null, "retired" },
        { null, "closed-to-accrual", null, "unknown" },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Each_registry_status_maps_to_the_documented_codes(RecruitmentStatus? status, string r4, string? r5, string plan)
    {
        Assert.Equal(r4, StatusMap.ToR4(status).GetLiteral());
        Assert.Equal(r5, StatusMap.ToR5State(status));
        Assert.Equal(plan, StatusMap.ToPlanStatus(status).GetLiteral());
    }

    [Fact]
    public void The_table_covers_every_recruitment_status_value()
    {
        var covered = Table.Select(row => (RecruitmentStatus?)row[0]).ToHashSet();

        Assert.All(Enum.GetValues<RecruitmentStatus>(), s => Assert.Contains(s, covered));
    }

    [Fact]
    public void No_status_that_nobody_vouches_for_is_shown_as_open_for_accrual()
    {
        Assert.All(new RecruitmentStatus?[] { RecruitmentStatus.Unknown, RecruitmentStatus.Withheld, null },
            s => Assert.NotEqual(ResearchStudy.ResearchStudyStatus.Active, StatusMap.ToR4(s)));
    }
}
