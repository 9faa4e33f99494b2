namespace FhirTrials.Api.Match;

/// <summary>
/// The raw inputs of a <c>$match</c> before they are understood: simple named values (GET query, Parameters'
/// primitives) and the resources a client sent (Patient, Conditions), collected by <see cref="MatchRequestReader"/>.
/// </summary>
internal sealed class MatchInput
{
    public List<KeyValuePair<string, string>> Values { get; } = [];

    public Hl7.Fhir.Model.Patient? Patient { get; set; }

    public List<Hl7.Fhir.Model.Condition> Conditions { get; } = [];

    public List<Hl7.Fhir.Model.CodeableConcept> ConditionConcepts { get; } = [];

    public Hl7.Fhir.Model.Address? Address { get; set; }

    public double? DistanceKm { get; set; }

    public string? Single(string name)
    {
        var values = Values.Where(v => v.Key == name).Select(v => v.Value).ToList();
        return values.Count switch
        {
            0 => null,
            1 => values[0],
            _ => throw Errors.FhirException.BadRequest($"$match: {name} may be given only once."),
        };
    }
}
