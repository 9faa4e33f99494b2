using Hl7.Fhir.Model;

namespace FhirTrials.Core.Search;

/// <summary>
/// One supported search parameter of one resource type: its FHIR definition (name, type, expression, canonical url,
/// reference targets) and <see cref="Select"/>, the explicit code that picks the elements the expression names.
/// </summary>
public sealed record SearchParameterInfo(
    string ResourceType,
    string Name,
    SearchParamType Type,
    string Expression,
    string Url,
    IReadOnlyList<string> Targets,
    Func<Resource, IEnumerable<Base?>> Select);
