namespace FhirTrials.Core.Reading.Text;

/// <summary>What a labelled section of a page holds. Sites word labels differently; <see cref="LabelDictionary"/> maps them here.</summary>
internal enum PageField
{
    /// <summary>Lines before the first label: site name, title, and (on some sites) bare values.</summary>
    Preamble,

    /// <summary>Lines under no label, or after a table: recognised by their vocabulary.</summary>
    Unlabelled,

    /// <summary>A heading that only groups other labels ("Trial design"), or page furniture: its lines are ignored.</summary>
    Ignored,

    /// <summary>Another trial's facts ("Related Clinical Trials"): everything until the next label is skipped.</summary>
    OtherTrials,

    /// <summary>A "Label: value" line whose label is not in the dictionary: reported, its lines not read as another field's.</summary>
    Unknown,

    /// <summary>A block of bare values whose meaning comes from their vocabulary ("Basic Information", "Study details").</summary>
    ValueBlock,

    NctId,
    Identifiers,
    OtherIdentifiers,
    BriefTitle,
    OfficialTitle,
    Acronym,
    Status,
    StatusAndPhase,
    Phase,
    StudyType,
    StudyDesign,
    Allocation,
    InterventionModel,
    Masking,
    PrimaryPurpose,
    Enrollment,
    StartDate,
    PrimaryCompletionDate,
    CompletionDate,
    FirstSubmitted,
    FirstPosted,
    LastUpdatePosted,
    LastVerified,
    BriefSummary,
    DetailedDescription,
    Conditions,
    Keywords,
    Interventions,
    ArmGroups,
    ArmsTable,
    PrimaryOutcomes,
    SecondaryOutcomes,
    OtherOutcomes,
    Eligibility,
    Inclusion,
    Exclusion,
    Ages,
    MinimumAge,
    MaximumAge,
    Sex,
    HealthyVolunteers,
    Sponsor,
    Sponsors,
    Collaborators,
    FunderType,
    ResponsibleParty,
    Officials,
    CentralContact,
    Locations,
    Countries,
    References,
    IpdPlan,
    IpdDescription,
    IpdInfoTypes,
    IpdTimeFrame,
    IpdAccessCriteria,
    IpdUrl,
    FdaDrug,
    FdaDevice,
    SourceUrl,
}
