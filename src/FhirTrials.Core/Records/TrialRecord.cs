namespace FhirTrials.Core.Records;

/// <summary>
/// One clinical trial as read from one source document, normalised but not yet FHIR. Every reader fills it;
/// the FHIR mappers read only it. Collections are never null; absent scalars are null.
/// </summary>
public sealed class TrialRecord
{
    public required SourceInfo Source { get; init; }

    public List<TrialIdentifier> Identifiers { get; } = [];
    public string? BriefTitle { get; set; }
    public string? OfficialTitle { get; set; }
    public string? Acronym { get; set; }

    /// <summary>Overall recruitment status, normalised; <see cref="StatusText"/> keeps the registry's wording.</summary>
    public RecruitmentStatus? Status { get; set; }
    public string? StatusText { get; set; }
    public string? WhyStopped { get; set; }

    public List<TrialPhase> Phases { get; } = [];
    public StudyType? StudyType { get; set; }
    public StudyDesign Design { get; } = new();
    public Enrollment? Enrollment { get; set; }

    public TrialDates Dates { get; } = new();

    public string? BriefSummary { get; set; }
    public string? DetailedDescription { get; set; }

    public List<string> Conditions { get; } = [];
    public List<string> Keywords { get; } = [];
    /// <summary>MeSH terms for the conditions, where the source lists them (CT.gov "derived" section, page MeSH lines).</summary>
    public List<MeshTerm> ConditionMeshTerms { get; } = [];
    public List<MeshTerm> InterventionMeshTerms { get; } = [];
    /// <summary>The MeSH ancestors of the condition terms (CT.gov v2 <c>conditionBrowseModule.ancestors</c>).</summary>
    public List<MeshTerm> ConditionMeshAncestors { get; } = [];

    public List<Intervention> Interventions { get; } = [];
    public List<ArmGroup> Arms { get; } = [];
    public List<Outcome> Outcomes { get; } = [];
    public Eligibility Eligibility { get; } = new();

    public Party? LeadSponsor { get; set; }
    public List<Party> Collaborators { get; } = [];
    public ResponsibleParty? ResponsibleParty { get; set; }
    public List<Investigator> Officials { get; } = [];
    public List<Contact> CentralContacts { get; } = [];
    public List<Site> Locations { get; } = [];
    /// <summary>Countries named by the source (list of countries, or site addresses), in source order.</summary>
    public List<string> Countries { get; } = [];

    public List<Citation> References { get; } = [];
    public IpdSharing? IpdSharing { get; set; }
    public bool? IsFdaRegulatedDrug { get; set; }
    public bool? IsFdaRegulatedDevice { get; set; }

    /// <summary>Where each field came from: field path (e.g. <c>officialTitle</c>, <c>arms[1].description</c>) and line span.</summary>
    public List<FieldSource> Provenance { get; } = [];

    /// <summary>Sections seen but not understood, values that did not normalise, conflicting values.</summary>
    public List<ReadWarning> Warnings { get; } = [];

    /// <summary>The NCT number when the record has one (the key most sources share).</summary>
    public string? NctId => Identifiers.FirstOrDefault(i => i.Kind == IdentifierKind.Nct)?.Value;
}
