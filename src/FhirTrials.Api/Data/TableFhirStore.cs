using System.Runtime.CompilerServices;
using FhirTrials.Storage.Resources;
using FhirTrials.Storage.Search;

namespace FhirTrials.Api.Data;

/// <summary>The engine's view of the storage helpers' table stores (resources, versions, search index).</summary>
public sealed class TableFhirStore(TableResourceStore resources, TableIndexStore index) : IFhirStore
{
    public async Task<StoredVersion?> ReadAsync(string resourceType, string id, CancellationToken cancellationToken) =>
        Map(await resources.ReadAsync(resourceType, id, cancellationToken).ConfigureAwait(false));

    public async Task<StoredVersion?> ReadVersionAsync(string resourceType, string id, string versionId, CancellationToken cancellationToken) =>
        Map(await resources.ReadVersionAsync(resourceType, id, versionId, cancellationToken).ConfigureAwait(false));

    public async IAsyncEnumerable<StoredVersion> HistoryAsync(string resourceType, string id, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var version in resources.HistoryAsync(resourceType, id, cancellationToken).ConfigureAwait(false))
        {
            yield return Map(version)!;
        }
    }

    public IAsyncEnumerable<IndexMatch> ExactAsync(string resourceType, string parameter, string key, CancellationToken cancellationToken) =>
        Map(index.ExactAsync(resourceType, parameter, key, cancellationToken), cancellationToken);

    public IAsyncEnumerable<IndexMatch> PrefixAsync(string resourceType, string parameter, string keyPrefix, CancellationToken cancellationToken) =>
        Map(index.PrefixAsync(resourceType, parameter, keyPrefix, cancellationToken), cancellationToken);

    public IAsyncEnumerable<IndexMatch> RangeAsync(string resourceType, string parameter, string? fromKeyInclusive, string? toKeyExclusive, CancellationToken cancellationToken) =>
        Map(index.RangeAsync(resourceType, parameter, fromKeyInclusive, toKeyExclusive, cancellationToken), cancellationToken);

    public IAsyncEnumerable<IndexMatch> ScanAsync(string resourceType, string parameter, CancellationToken cancellationToken) =>
        Map(index.ScanAsync(resourceType, parameter, cancellationToken), cancellationToken);

    public IAsyncEnumerable<string> AllIdsAsync(string resourceType, CancellationToken cancellationToken) =>
        index.AllIdsAsync(resourceType, cancellationToken);

    private static StoredVersion? Map(StoredResource? stored) =>
        stored is null ? null : new StoredVersion(stored.ResourceType, stored.Id, stored.VersionId, stored.LastUpdated, stored.Json);

    private static async IAsyncEnumerable<IndexMatch> Map(IAsyncEnumerable<IndexHit> hits, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var hit in hits.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return new IndexMatch(hit.Id, hit.VersionId, hit.Key, hit.Low, hit.High, hit.KeyTruncated);
        }
    }
}
