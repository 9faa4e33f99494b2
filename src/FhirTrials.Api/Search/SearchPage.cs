using Hl7.Fhir.Model;

namespace FhirTrials.Api.Search;

/// <summary>One page of search results: the matches, what <c>_include</c>/<c>_revinclude</c> added, the total and
/// where the next page starts (null on the last page).</summary>
public sealed record SearchPage(
    IReadOnlyList<Resource> Matches,
    IReadOnlyList<Resource> Included,
    int? Total,
    (int Offset, string LastId)? Next);
