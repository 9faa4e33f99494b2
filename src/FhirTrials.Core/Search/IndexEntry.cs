namespace FhirTrials.Core.Search;

/// <summary>
/// One searchable value of one resource for one search parameter (the contract with the index store).
/// <see cref="Key"/> is what equality, prefix and range queries compare (ordinal string order): folded text for string
/// parameters, one <see cref="TokenKeys"/> form per token lookup, "Type/id" for references, the uri for uris, and for
/// dates the sortable low bound, with <see cref="Low"/>/<see cref="High"/> the inclusive range the value covers.
/// </summary>
public sealed record IndexEntry(string Parameter, string Key, string? Low = null, string? High = null);
