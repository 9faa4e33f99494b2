namespace FhirTrials.Core.Fhir.Terminology;

/// <summary>
/// Every code system and identifier system the mappers write, in one place so readers of the output (and the API's
/// search) agree with the writers.
/// </summary>
/// <remarks>
/// Study design facts (study type, allocation, intervention model, masking, intervention type) have no HL7 or THO code
/// system in R4, so they are written in the product's own systems under <see cref="ProductBase"/> with the
/// ClinicalTrials.gov API v2 enumeration values as codes (INTERVENTIONAL, RANDOMIZED, ...): that vocabulary is public,
/// stable and the one every registry we read is normalised onto, so the codes mean exactly what the registry said.
/// Eligibility characteristics with no standard code (healthy volunteers, a free-text criterion) use the product's
/// eligibility-characteristic system; age and sex use LOINC.
/// </remarks>
public static class CodeSystems
{
    /// <summary>Canonical base of the product's own code systems. example.org is reserved, so it can never clash;
    /// a deployment that publishes these systems replaces it with its own domain.</summary>
    public const string ProductBase = "https://fhirtrials.example.org/fhir";

    public const string NctId = "https://clinicaltrials.gov/nctid";
    /// <summary>Older NCT systems still found in other servers' data; accepted on input, never written.</summary>
    public static readonly IReadOnlyList<string> NctIdAliases = ["http://clinicaltrials.gov", "https://clinicaltrials.gov", "http://clinicaltrials.gov/"];
    public const string EuCtId = "https://euclinicaltrials.eu/clinicalTrialId";

    public const string ResearchStudyStatus = "http://hl7.org/fhir/research-study-status";
    public const string ResearchStudyPhase = "http://terminology.hl7.org/CodeSystem/research-study-phase";
    public const string ResearchStudyPrimaryPurpose = "http://terminology.hl7.org/CodeSystem/research-study-prim-purp-type";
    public const string ResearchStudyObjectiveType = "http://terminology.hl7.org/CodeSystem/research-study-objective-type";
    public const string ResearchStudyArmType = "http://hl7.org/fhir/research-study-arm-type";
    /// <summary>R5 roles of associated parties (lead-sponsor, collaborator, primary-investigator, ...).</summary>
    public const string ResearchStudyPartyRole = "http://hl7.org/fhir/research-study-party-role";
    /// <summary>R5 organisation classifiers (nih, fda, government, nonprofit, academic, industry).</summary>
    public const string ResearchStudyPartyOrgType = "http://hl7.org/fhir/research-study-party-org-type";
    /// <summary>R5 title types, for the brief title and acronym labels.</summary>
    public const string TitleType = "http://hl7.org/fhir/title-type";
    public const string PlanDefinitionType = "http://terminology.hl7.org/CodeSystem/plan-definition-type";
    public const string OrganizationType = "http://terminology.hl7.org/CodeSystem/organization-type";
    public const string ProvenanceParticipantType = "http://terminology.hl7.org/CodeSystem/provenance-participant-type";
    public const string DataOperation = "http://terminology.hl7.org/CodeSystem/v3-DataOperation";
    public const string AdministrativeGender = "http://hl7.org/fhir/administrative-gender";

    /// <summary>HL7 v2 table 0136 Yes/No (Y, N).</summary>
    public const string YesNo = "http://terminology.hl7.org/CodeSystem/v2-0136";

    public const string Loinc = "http://loinc.org";
    public const string Ucum = "http://unitsofmeasure.org";
    /// <summary>MeSH, by its HL7 OID (the form terminology.hl7.org lists for it).</summary>
    public const string Mesh = "urn:oid:2.16.840.1.113883.6.177";
    public const string Iso3166 = "urn:iso:std:iso:3166";
    /// <summary>Identifier system for absolute URIs (used for blob and document identifiers).</summary>
    public const string Uri = "urn:ietf:rfc:3986";

    public const string StudyType = ProductBase + "/CodeSystem/ctgov-study-type";
    public const string Allocation = ProductBase + "/CodeSystem/ctgov-allocation";
    public const string InterventionModel = ProductBase + "/CodeSystem/ctgov-intervention-model";
    public const string Masking = ProductBase + "/CodeSystem/ctgov-masking";
    public const string InterventionType = ProductBase + "/CodeSystem/ctgov-intervention-type";
    public const string EligibilityCharacteristic = ProductBase + "/CodeSystem/eligibility-characteristic";

    /// <summary>LOINC 30525-0 "Age".</summary>
    public const string LoincAge = "30525-0";
    /// <summary>LOINC 46098-0 "Sex".</summary>
    public const string LoincSex = "46098-0";

    public static bool IsNctSystem(string? system) =>
        system == NctId || (system is not null && NctIdAliases.Contains(system, StringComparer.OrdinalIgnoreCase));
}
