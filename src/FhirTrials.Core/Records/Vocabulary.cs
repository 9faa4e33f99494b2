namespace FhirTrials.Core.Records;

// Normalised values follow the ClinicalTrials.gov API v2 enumerations (the most complete public vocabulary);
// readers map every site's wording onto them, mappers map them onto FHIR codes.

public enum RecruitmentStatus
{
    NotYetRecruiting,
    Recruiting,
    EnrollingByInvitation,
    ActiveNotRecruiting,
    Suspended,
    Terminated,
    Completed,
    Withdrawn,
    Unknown,
    Withheld,
    Available,
    NoLongerAvailable,
    TemporarilyNotAvailable,
    ApprovedForMarketing,
}

public enum TrialPhase
{
    EarlyPhase1,
    Phase1,
    Phase2,
    Phase3,
    Phase4,
    NotApplicable,
}

public enum StudyType
{
    Interventional,
    Observational,
    ExpandedAccess,
}

public enum Allocation
{
    Randomized,
    NonRandomized,
    NotApplicable,
}

public enum InterventionModel
{
    SingleGroup,
    Parallel,
    Crossover,
    Factorial,
    Sequential,
}

[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720", Justification = "Single/Double are the registries' masking levels, not type names.")]
public enum Masking
{
    None,
    Single,
    Double,
    Triple,
    Quadruple,
}

public enum MaskedRole
{
    Participant,
    CareProvider,
    Investigator,
    OutcomesAssessor,
}

public enum PrimaryPurpose
{
    Treatment,
    Prevention,
    Diagnostic,
    EducationalCounselingTraining,
    SupportiveCare,
    Screening,
    HealthServicesResearch,
    BasicScience,
    DeviceFeasibility,
    Other,
}

public enum ArmType
{
    Experimental,
    ActiveComparator,
    PlaceboComparator,
    ShamComparator,
    NoIntervention,
    Other,
}

public enum InterventionType
{
    Behavioral,
    Biological,
    CombinationProduct,
    Device,
    DiagnosticTest,
    DietarySupplement,
    Drug,
    Genetic,
    Procedure,
    Radiation,
    Other,
}

public enum OutcomeKind
{
    Primary,
    Secondary,
    Other,
    /// <summary>The source lists the outcome without saying whether it is primary or secondary (a page that lost its headings).</summary>
    Unspecified,
}

public enum Sex
{
    All,
    Female,
    Male,
}

public enum AgeUnit
{
    Years,
    Months,
    Weeks,
    Days,
    Hours,
    Minutes,
}

public enum EnrollmentKind
{
    Unspecified,
    Actual,
    Estimated,
}

public enum OfficialRole
{
    PrincipalInvestigator,
    StudyDirector,
    StudyChair,
    SubInvestigator,
}

public enum ResponsiblePartyType
{
    Sponsor,
    PrincipalInvestigator,
    SponsorInvestigator,
}

public enum ContactRole
{
    Contact,
    BackupContact,
    PrincipalInvestigator,
    SubInvestigator,
}

public enum ReferenceType
{
    Background,
    Result,
    Derived,
}

public enum IpdPlan
{
    Yes,
    No,
    Undecided,
}
