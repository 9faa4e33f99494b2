using Hl7.Fhir.Model;

namespace FhirTrials.Api.Match;

/// <summary>The OperationDefinition of <c>ResearchStudy/$match</c>, declared in the CapabilityStatement and served at
/// <c>OperationDefinition/ResearchStudy-match</c>.</summary>
public static class MatchOperationDefinition
{
    public const string Name = "$match";
    public const string Id = "ResearchStudy-match";
    public const string Url = "https://fhirtrials.org/fhir/OperationDefinition/" + Id;

    public static OperationDefinition Create() => new()
    {
        Id = Id,
        Url = Url,
        Name = "ResearchStudyMatch",
        Title = "Recruiting studies a patient might join",
        Status = PublicationStatus.Active,
        Kind = OperationDefinition.OperationKind.Operation,
        Publisher = "FhirTrials",
        Description = new Markdown("Scores open ResearchStudies against a patient's age, sex, conditions, place and healthy-volunteer wish, "
            + "from this server's own indexes (no outside service). Returns a searchset Bundle: search.score in [0, 1] and one "
            + MatchBundleBuilder.CriterionUrl + " extension per criterion on entry.search (criterion, outcome met | not-met | unknown, reason). "
            + "Studies with any criterion not met are left out. POST a Parameters resource or a Bundle holding a Patient and Conditions; "
            + "GET takes the simple parameters."),
        AffectsState = false,
        Code = "match",
        Resource = [ResourceType.ResearchStudy],
        System = false,
        Type = true,
        Instance = false,
        Parameter =
        [
            In("patient", 0, "1", FHIRAllTypes.Patient, "The patient: birthDate (or age), gender, address (with the geolocation extension, or city and country)."),
            In("condition", 0, "*", FHIRAllTypes.Condition, "The patient's conditions (Condition resources, or a CodeableConcept; GET: text or a MeSH system|code)."),
            In("bundle", 0, "1", FHIRAllTypes.Bundle, "A Bundle holding the Patient and Conditions, as sent to mCODE matching services (or POST the Bundle itself)."),
            In("age", 0, "1", FHIRAllTypes.Integer, "Age in whole years, instead of a birth date."),
            In("birthdate", 0, "1", FHIRAllTypes.Date, "Birth date (GET)."),
            In("gender", 0, "1", FHIRAllTypes.Code, "female | male | other | unknown."),
            In("near", 0, "1", FHIRAllTypes.String, "latitude|longitude|distance|unit, as Location's near search parameter."),
            In("address", 0, "1", FHIRAllTypes.Address, "Where the patient lives, placed by city and country with the offline gazetteer."),
            In("address-city", 0, "1", FHIRAllTypes.String, "City (GET), with address-country."),
            In("address-country", 0, "1", FHIRAllTypes.String, "Country name or ISO code (GET)."),
            In("distance", 0, "1", FHIRAllTypes.Quantity, "How far the patient would travel (km, m or [mi_i]; GET: 50 or 50|km); default 50 km."),
            In("healthy-volunteer", 0, "1", FHIRAllTypes.Boolean, "The patient comes as a healthy volunteer (POST also: healthyVolunteer)."),
            In("_count", 0, "1", FHIRAllTypes.Integer, "Studies per page (default 20, at most 100)."),
            new OperationDefinition.ParameterComponent
            {
                Name = "return",
                Use = OperationParameterUse.Out,
                Min = 1,
                Max = "1",
                Type = FHIRAllTypes.Bundle,
                Documentation = "Searchset Bundle of the studies that are not excluded, best score first.",
            },
        ],
    };

    private static OperationDefinition.ParameterComponent In(string name, int min, string max, FHIRAllTypes type, string documentation) => new()
    {
        Name = name,
        Use = OperationParameterUse.In,
        Min = min,
        Max = max,
        Type = type,
        Documentation = documentation,
    };
}
