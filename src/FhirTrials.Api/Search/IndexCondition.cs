namespace FhirTrials.Api.Search;

public enum IndexLookup
{
    Exact,
    Prefix,
    Range,
    Scan,
}

/// <summary>
/// One search value as an index query (which partition query to issue) and the predicate an index entry must satisfy.
/// The predicate is also applied to the entries of a freshly loaded resource, so a stale or truncated index row never
/// decides a match on its own.
/// </summary>
public sealed record IndexCondition(IndexLookup Lookup, string? Key, string? From, string? To, Func<string, string?, string?, bool> Matches)
{
    public static IndexCondition Exact(string key) =>
        new(IndexLookup.Exact, key, null, null, (k, _, _) => string.Equals(k, key, StringComparison.Ordinal));

    public static IndexCondition Prefix(string prefix) =>
        new(IndexLookup.Prefix, prefix, null, null, (k, _, _) => k.StartsWith(prefix, StringComparison.Ordinal));

    public static IndexCondition Range(string? from, string? to, Func<string, string?, string?, bool> matches) =>
        new(IndexLookup.Range, null, from, to, matches);

    public static IndexCondition Scan(Func<string, string?, string?, bool> matches) =>
        new(IndexLookup.Scan, null, null, null, matches);
}
