using System.Globalization;
using System.Runtime.CompilerServices;
using Azure.Data.Tables;

namespace FhirTrials.Storage.Search;

/// <summary>
/// Reads the search index. Every lookup is one query inside one partition (resource type + parameter), a RowKey range
/// for exact, prefix and range lookups; never a scan of the table.
/// </summary>
/// <remarks>
/// A hit names the version its row was written for. While a resource is being rewritten, rows of the previous and the
/// next version coexist for a moment (next-version rows are written before the resource, old rows deleted after):
/// keep a hit only when its VersionId equals the current version of the resource you load.
/// </remarks>
public sealed class TableIndexStore(TrialStorage storage)
{
    private static readonly string[] IndexColumns = ["RowKey", "Id", "VersionId", "Key", "Low", "High", "KeyTruncated"];

    private readonly TrialStorage _storage = storage ?? throw new ArgumentNullException(nameof(storage));

    public IAsyncEnumerable<IndexHit> ExactAsync(string resourceType, string parameter, string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        var (encoded, _) = IndexRowKey.EncodeBounded(key);
        return QueryAsync(
            resourceType, parameter, encoded + IndexRowKey.Separator, IndexRowKey.PrefixUpperBound(encoded + IndexRowKey.Separator),
            hit => string.Equals(hit.Key, key, StringComparison.Ordinal) || (hit.KeyTruncated && key.StartsWith(hit.Key, StringComparison.Ordinal)),
            cancellationToken);
    }

    public IAsyncEnumerable<IndexHit> PrefixAsync(string resourceType, string parameter, string keyPrefix, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keyPrefix);
        var (encoded, _) = IndexRowKey.EncodePrefix(keyPrefix);
        return QueryAsync(
            resourceType, parameter, encoded, encoded.Length == 0 ? null : IndexRowKey.PrefixUpperBound(encoded),
            hit => hit.Key.StartsWith(keyPrefix, StringComparison.Ordinal) || (hit.KeyTruncated && keyPrefix.StartsWith(hit.Key, StringComparison.Ordinal)),
            cancellationToken);
    }

    /// <summary>Keys in [from, to), ordered by key then id; a null bound is open.</summary>
    public IAsyncEnumerable<IndexHit> RangeAsync(
        string resourceType, string parameter, string? fromKeyInclusive, string? toKeyExclusive, CancellationToken cancellationToken = default)
    {
        var from = fromKeyInclusive is null ? "" : IndexRowKey.EncodePrefix(fromKeyInclusive).Encoded;
        var (to, toCut) = toKeyExclusive is null ? (null, false) : IndexRowKey.EncodePrefix(toKeyExclusive);
        // A cut upper bound must still let through every key that starts with it; the stored Key then decides.
        to = toCut ? IndexRowKey.PrefixUpperBound(to!) : to;
        return QueryAsync(
            resourceType, parameter, from, to,
            hit => (fromKeyInclusive is null || string.CompareOrdinal(hit.Key, fromKeyInclusive) >= 0 || hit.KeyTruncated)
                && (toKeyExclusive is null || string.CompareOrdinal(hit.Key, toKeyExclusive) < 0),
            cancellationToken);
    }

    /// <summary>The whole partition of one parameter, ordered by key then id (for :missing, :not and sorting).</summary>
    public IAsyncEnumerable<IndexHit> ScanAsync(string resourceType, string parameter, CancellationToken cancellationToken = default) =>
        QueryAsync(resourceType, parameter, "", null, _ => true, cancellationToken);

    /// <summary>Ids of the current resources of a type, in id order (one partition of the resource table).</summary>
    public async IAsyncEnumerable<string> AllIdsAsync(string resourceType, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resourceType);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {resourceType}");
        await foreach (var row in _storage.Resources.QueryAsync<TableEntity>(filter, select: ["RowKey", "VersionId"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            // A row at version 0 is a first version claimed but not yet committed.
            if (row.GetInt32("VersionId") is > 0)
            {
                yield return row.RowKey;
            }
        }
    }

    private async IAsyncEnumerable<IndexHit> QueryAsync(
        string resourceType, string parameter, string fromRowKey, string? toRowKey, Func<IndexHit, bool> keep,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resourceType);
        ArgumentNullException.ThrowIfNull(parameter);
        var partition = IndexRows.PartitionKey(resourceType, parameter);
        var filter = toRowKey is null
            ? TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {fromRowKey}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {fromRowKey} and RowKey lt {toRowKey}");
        await foreach (var row in _storage.Index.QueryAsync<TableEntity>(filter, select: IndexColumns, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var hit = new IndexHit(
                row.GetString("Id") ?? "",
                (row.GetInt32("VersionId") ?? 0).ToString(CultureInfo.InvariantCulture),
                row.GetString("Key") ?? "",
                row.GetString("Low"),
                row.GetString("High"),
                row.GetBoolean("KeyTruncated") == true);
            // Where a row key was cut, rows of different values share a row key prefix: the stored Key decides.
            if (keep(hit))
            {
                yield return hit;
            }
        }
    }
}
