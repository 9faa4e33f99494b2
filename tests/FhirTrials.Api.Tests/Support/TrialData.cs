using Hl7.Fhir.Model;

namespace FhirTrials.Api.Tests.Support;

/// <summary>A small, hand-made set of studies whose values sit on the edges the search tests probe.</summary>
public static class TrialData
{
    public const string Ctgov = "http://clinicaltrials.gov";
    public const string Mesh = "http://id.nlm.nih.gov/mesh";

    public static IReadOnlyList<Resource> Resources() =>
    [
        WithTeam(Study("s1", "Stromal Vascular Fraction in Inclusion Body Myositis", ResearchStudy.ResearchStudyStatus.Active,
            "NCT05032131", ("D018979", "Inclusion Body Myositis"), "2021-09", "2023-06-30", "org-a")),
        Study("s2", "Sjögren syndrome: ÉTUDE de phase 2", ResearchStudy.ResearchStudyStatus.Completed,
            "NCT05947682", ("D012859", "Sjogren's Syndrome"), "2022-01-15", "2022-12-31", "org-b"),
        Study("s3", "sjogren cohort follow-up", ResearchStudy.ResearchStudyStatus.Active,
            "NCT06592703", ("D009103", "Multiple Sclerosis"), "2024", null, "org-a"),
        Study("s4", "Systemic Sclerosis mouth fibrosis", ResearchStudy.ResearchStudyStatus.Withdrawn,
            "NCT07326033", ("D012595", "Scleroderma, Systemic"), "2023-01-01T10:00:00Z", "2023-01-01T12:00:00Z", null),
        new ResearchStudy { Id = "s5", Status = ResearchStudy.ResearchStudyStatus.Active, Identifier = [new Identifier(null, "LOCAL|7")] },
        new Organization { Id = "org-a", Name = "Université de Montréal" },
        new Organization { Id = "org-b", Name = "Kyoto University" },
        new Provenance
        {
            Id = "prov-s1",
            Target = [new ResourceReference("ResearchStudy/s1")],
            Recorded = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero),
            Agent = [new Provenance.AgentComponent { Who = new ResourceReference("Organization/org-a") }],
        },
        new PlanDefinition { Id = "s1", Status = PublicationStatus.Active, Title = "Protocol of s1", Url = "https://fhirtrials.org/PlanDefinition/s1" },
        new PlanDefinition
        {
            Id = "s2",
            Status = PublicationStatus.Draft,
            Title = "Protocole de l'étude s2",
            Name = "ProtocolS2",
            Version = "2.1",
            Url = "https://fhirtrials.org/PlanDefinition/s2",
            Identifier = [new Identifier(Ctgov, "NCT05947682")],
            Type = new CodeableConcept("http://terminology.hl7.org/CodeSystem/plan-definition-type", "clinical-protocol"),
            Date = "2022-01-10",
            Description = "Two arms; Sjögren patients randomised.",
        },
        new Group { Id = "g-1", Type = Group.GroupType.Person, Actual = false, Code = new CodeableConcept { Text = "Eligible adults" } },
        new Practitioner { Id = "pr-1", Name = [new HumanName { Family = "Gómez", Given = ["Ana"] }] },
        new Location { Id = "loc-1", Name = "Hôpital Saint-Louis", Address = new Address { City = "Montréal", Country = "CA" } },
    ];

    private static ResearchStudy WithTeam(ResearchStudy study)
    {
        study.Site = [new ResourceReference("Location/loc-1")];
        study.PrincipalInvestigator = new ResourceReference("Practitioner/pr-1");
        study.Enrollment = [new ResourceReference("Group/g-1")];
        return study;
    }

    private static ResearchStudy Study(
        string id, string title, ResearchStudy.ResearchStudyStatus status, string nct, (string Code, string Text) condition,
        string start, string? end, string? sponsor) => new()
        {
            Id = id,
            Title = title,
            Status = status,
            Identifier = [new Identifier(Ctgov, nct)],
            Condition = [new CodeableConcept(Mesh, condition.Code, condition.Text, condition.Text)],
            Period = new Period { Start = start, End = end },
            Sponsor = sponsor is null ? null : new ResourceReference("Organization/" + sponsor),
            Protocol = [new ResourceReference("PlanDefinition/" + id)],
            Description = "Study " + id + ": a description, which is not part of the summary.",
        };
}
