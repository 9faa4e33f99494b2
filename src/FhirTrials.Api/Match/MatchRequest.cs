using FhirTrials.Core.Matching;

namespace FhirTrials.Api.Match;

/// <summary>
/// A <c>$match</c> request read from any of its forms: the patient facts, the result parameters, and the canonical
/// GET parameters that reproduce it (the self and next links, and what a continuation token is bound to).
/// </summary>
public sealed record MatchRequest(
    MatchCriteria Criteria,
    int Count,
    IReadOnlyList<string> Includes,
    string? ContinuationToken,
    IReadOnlyList<KeyValuePair<string, string>> CanonicalParameters,
    IReadOnlyList<string> Warnings)
{
    public string Fingerprint => "ResearchStudy/$match?" + string.Join('&', CanonicalParameters.Select(p => p.Key.Length + ":" + p.Key + "=" + p.Value.Length + ":" + p.Value));
}
