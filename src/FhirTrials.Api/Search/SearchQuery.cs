using FhirTrials.Api.Rendering;
using FhirTrials.Core.Search;

namespace FhirTrials.Api.Search;

/// <summary>One parameter occurrence: its values are ORed; clauses are ANDed.</summary>
/// <param name="Missing">For <c>:missing</c>: true selects resources without a value.</param>
/// <param name="ExactTexts">For string <c>:exact</c>: the unfolded values the resource must hold exactly.</param>
public sealed record SearchClause(
    SearchParameterInfo Parameter,
    string? Modifier,
    IReadOnlyList<IndexCondition> Values,
    bool Negated = false,
    bool? Missing = null,
    IReadOnlyList<string>? ExactTexts = null);

public sealed record SortKey(SearchParameterInfo Parameter, bool Descending);

/// <summary>An <c>_include</c> (Source:param[:Target]) or <c>_revinclude</c>.</summary>
public sealed record IncludeSpec(string SourceType, string Parameter, string? TargetType);

public enum TotalMode
{
    Accurate,
    None,
}

/// <summary>A parsed FHIR search: criteria, result parameters, the canonical parameters (for links and the
/// continuation fingerprint) and warnings about what was ignored.</summary>
public sealed record SearchQuery(
    string ResourceType,
    IReadOnlyList<SearchClause> Clauses,
    int Count,
    IReadOnlyList<SortKey> Sort,
    TotalMode Total,
    IReadOnlyList<IncludeSpec> Includes,
    IReadOnlyList<IncludeSpec> RevIncludes,
    SummaryFilter Summary,
    string? ContinuationToken,
    IReadOnlyList<KeyValuePair<string, string>> CanonicalParameters,
    IReadOnlyList<string> Warnings)
{
    public const int DefaultCount = 20;
    public const int MaxCount = 100;
}
