using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using FhirTrials.Core.Search;
using FhirTrials.Storage.Tables;
using Resource = Hl7.Fhir.Model.Resource;

namespace FhirTrials.Storage.Resources;

/// <summary>One version as stored: its lastUpdated, FHIR JSON and the index entries written for it.</summary>
internal sealed record VersionData(DateTimeOffset LastUpdated, byte[] Json, List<IndexEntry> Entries);

/// <summary>
/// The rows of the write order (claim, history, commit), built the same way by the one-resource writer and the bulk
/// writer, so a claim left by either is resumed by the other.
/// </summary>
internal sealed class VersionRows(TrialStorage storage, Func<Resource, IReadOnlyList<IndexEntry>> indexer, TimeProvider time)
{
    public const string VersionColumn = "VersionId";
    public const string LastUpdatedColumn = "LastUpdated";
    public const string JsonColumn = "Json";
    public const string HashColumn = "ContentHash";
    public const string EntriesColumn = "Entries";
    public const string StaleColumn = "StaleVersion";
    public const string PendingVersionColumn = "PendingVersion";
    public const string PendingHashColumn = "PendingHash";
    public const string PendingSinceColumn = "PendingSince";

    public TimeProvider Time => time;

    /// <summary>The claim of <paramref name="version"/>: merged into the current row, or the first row of a new resource.</summary>
    public TableEntity Claim(string type, string id, int version, string hash, bool first)
    {
        var claim = new TableEntity(type, id)
        {
            [PendingVersionColumn] = version,
            [PendingHashColumn] = hash,
            [PendingSinceColumn] = time.GetUtcNow(),
        };
        if (first)
        {
            claim[VersionColumn] = 0;
        }

        return claim;
    }

    /// <summary>The version's JSON (versionId and lastUpdated set), its index entries and its history row.</summary>
    public async Task<(TableEntity Row, VersionData Data)> HistoryAsync(
        Resource resource, string id, int version, string hash, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var lastUpdated = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
        var copy = FhirJson.WithVersion(resource, Text(version), lastUpdated);
        var data = new VersionData(lastUpdated, FhirJson.Serialize(copy), [.. indexer(copy)]);
        var type = resource.TypeName;
        var row = new TableEntity(ResourceKeys.HistoryPartition(type), ResourceKeys.HistoryRow(id, version))
        {
            [VersionColumn] = version,
            [LastUpdatedColumn] = lastUpdated,
            [HashColumn] = hash,
        };
        await PayloadColumns.AttachAsync(row, EntriesColumn, JsonSerializer.SerializeToUtf8Bytes(data.Entries), storage.Payloads, BlobName(type, id, version, "index"), cancellationToken).ConfigureAwait(false);
        await PayloadColumns.AttachAsync(row, JsonColumn, data.Json, storage.Payloads, BlobName(type, id, version, "resource"), cancellationToken).ConfigureAwait(false);
        TableLimits.Validate(row);
        return (row, data);
    }

    /// <summary>The current row at <paramref name="version"/>, marked with the version whose index rows are still to delete.</summary>
    public async Task<TableEntity> CommitAsync(string type, string id, int version, string hash, int previous, VersionData data, CancellationToken cancellationToken)
    {
        var row = new TableEntity(type, id)
        {
            [VersionColumn] = version,
            [LastUpdatedColumn] = data.LastUpdated,
            [HashColumn] = hash,
            [StaleColumn] = previous,
        };
        await PayloadColumns.AttachAsync(row, JsonColumn, data.Json, storage.Payloads, BlobName(type, id, version, "resource"), cancellationToken).ConfigureAwait(false);
        TableLimits.Validate(row);
        return row;
    }

    public async Task<List<IndexEntry>> ReadEntriesAsync(TableEntity historyRow, CancellationToken cancellationToken)
    {
        var bytes = await PayloadColumns.ReadAsync(historyRow, EntriesColumn, storage.Payloads, cancellationToken).ConfigureAwait(false);
        return JsonSerializer.Deserialize<List<IndexEntry>>(bytes) ?? [];
    }

    public async Task<VersionData> ReadVersionDataAsync(TableEntity historyRow, CancellationToken cancellationToken) =>
        new(historyRow.GetDateTimeOffset(LastUpdatedColumn) ?? default,
            await PayloadColumns.ReadAsync(historyRow, JsonColumn, storage.Payloads, cancellationToken).ConfigureAwait(false),
            await ReadEntriesAsync(historyRow, cancellationToken).ConfigureAwait(false));

    public static string Text(int version) => version.ToString(CultureInfo.InvariantCulture);

    private static string BlobName(string type, string id, int version, string part) =>
        $"{type}/{id}/{Text(version)}.{part}.json";
}
