using Azure.Data.Tables;
using FhirTrials.Core.Search;

namespace FhirTrials.Storage.Search;

/// <summary>Builds the index table rows of one resource version (the writer's side of <see cref="TableIndexStore"/>).</summary>
public static class IndexRows
{
    /// <summary>Longest key kept in the Key property (UTF-16, well under the 64 KiB property limit).</summary>
    public const int MaxStoredKeyChars = 16_000;

    public static string PartitionKey(string resourceType, string parameter) => resourceType + "_" + IndexRowKey.Encode(parameter);

    public static TableEntity Build(string resourceType, string id, int version, IndexEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var (encoded, rowKeyTruncated) = IndexRowKey.EncodeBounded(entry.Key);
        var keyTruncated = entry.Key.Length > MaxStoredKeyChars;
        var row = new TableEntity(PartitionKey(resourceType, entry.Parameter), IndexRowKey.RowKey(encoded, id, version))
        {
            ["Id"] = id,
            ["VersionId"] = version,
            ["Key"] = keyTruncated ? entry.Key[..MaxStoredKeyChars] : entry.Key,
        };
        if (entry.Low is not null)
        {
            row["Low"] = Cap(entry.Low);
        }

        if (entry.High is not null)
        {
            row["High"] = Cap(entry.High);
        }

        if (rowKeyTruncated)
        {
            row["RowKeyTruncated"] = true;
        }

        if (keyTruncated)
        {
            row["KeyTruncated"] = true;
        }

        return row;
    }

    /// <summary>The rows of one version, one per distinct (parameter, key): duplicates would collide in a batch.</summary>
    public static List<TableEntity> BuildAll(string resourceType, string id, int version, IEnumerable<IndexEntry> entries) =>
        entries
            .Select(e => Build(resourceType, id, version, e))
            .DistinctBy(r => (r.PartitionKey, r.RowKey))
            .ToList();

    private static string Cap(string value) => value.Length > MaxStoredKeyChars ? value[..MaxStoredKeyChars] : value;
}
