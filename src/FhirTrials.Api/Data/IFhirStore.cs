namespace FhirTrials.Api.Data;

/// <summary>
/// What the engine reads: current and past versions of resources, and the search index (one partition query per
/// call). The seam lets the engine be tested without storage; the table-backed store is the real one.
/// </summary>
public interface IFhirStore
{
    Task<StoredVersion?> ReadAsync(string resourceType, string id, CancellationToken cancellationToken);

    Task<StoredVersion?> ReadVersionAsync(string resourceType, string id, string versionId, CancellationToken cancellationToken);

    /// <summary>Every version, newest first.</summary>
    IAsyncEnumerable<StoredVersion> HistoryAsync(string resourceType, string id, CancellationToken cancellationToken);

    IAsyncEnumerable<IndexMatch> ExactAsync(string resourceType, string parameter, string key, CancellationToken cancellationToken);

    IAsyncEnumerable<IndexMatch> PrefixAsync(string resourceType, string parameter, string keyPrefix, CancellationToken cancellationToken);

    /// <summary>Keys in [from, to); a null bound is open.</summary>
    IAsyncEnumerable<IndexMatch> RangeAsync(string resourceType, string parameter, string? fromKeyInclusive, string? toKeyExclusive, CancellationToken cancellationToken);

    IAsyncEnumerable<IndexMatch> ScanAsync(string resourceType, string parameter, CancellationToken cancellationToken);

    /// <summary>Ids of the current resources of a type, in ordinal order.</summary>
    IAsyncEnumerable<string> AllIdsAsync(string resourceType, CancellationToken cancellationToken);
}
