using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using FhirTrials.Storage.Search;
using FhirTrials.Storage.Tables;

namespace FhirTrials.Storage.Ingestion;

/// <summary>
/// The ingestion log. Each entry is written to three partitions so every listing ops need is one partition query,
/// newest first: <c>all</c>, <c>blob-{name}</c> and <c>outcome-{outcome}</c>, each with RowKey = inverted ticks of the
/// first attempt + entry id. A locator row (<c>entry</c>, entry id) finds the entry again when a retry updates it.
/// A running split upload's entry is read with its live progress (<see cref="UploadProgressRows"/>) and time so far.
/// </summary>
public sealed class IngestionLog(TrialStorage storage, TimeProvider? time = null)
{
    public const int MaxTake = 1000;

    private const string EntryColumn = "Entry";
    private const string AllPartition = "all";
    private const string LocatorPartition = "entry";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly TrialStorage _storage = storage ?? throw new ArgumentNullException(nameof(storage));
    private readonly UploadProgressRows _progress = new(storage);
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>Stable id of one blob version, so every attempt at it lands on the same entry.</summary>
    public static string EntryIdFor(string blobName, string blobVersion) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(blobName + "\n" + blobVersion)))[..24];

    /// <summary>The entry of an earlier attempt at this blob version, or null.</summary>
    public async Task<IngestionEntry?> FindAsync(string entryId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entryId);
        if (entryId.Length != 24 || !entryId.All(char.IsAsciiHexDigitLower))
        {
            return null;
        }

        var locator = await _storage.Ingestions.GetEntityIfExistsAsync<TableEntity>(LocatorPartition, entryId, cancellationToken: cancellationToken).ConfigureAwait(false);
        return locator.HasValue ? await ParseAsync(locator.Value!, cancellationToken).ConfigureAwait(false) : null;
    }

    /// <summary>Writes the entry (or replaces the earlier attempt's): its listing rows first, the locator last.</summary>
    public async Task WriteAsync(IngestionEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var previous = await _storage.Ingestions.GetEntityIfExistsAsync<TableEntity>(LocatorPartition, entry.EntryId, cancellationToken: cancellationToken).ConfigureAwait(false);
        // Keep the first attempt's start as the row key so the entry keeps its place in every listing.
        var rowKey = previous.HasValue
            ? previous.Value!.GetString("ListRowKey")
            : (DateTimeOffset.MaxValue.UtcTicks - entry.StartedAt.UtcTicks).ToString("D19", CultureInfo.InvariantCulture) + "-" + entry.EntryId;
        var payload = JsonSerializer.SerializeToUtf8Bytes(entry, Json);

        var partitions = new[] { AllPartition, BlobPartition(entry.BlobName), OutcomePartition(entry.Outcome) };
        foreach (var partition in partitions)
        {
            var row = await RowAsync(partition, rowKey!, entry, payload, cancellationToken).ConfigureAwait(false);
            await _storage.Ingestions.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        }

        if (previous.HasValue && previous.Value!.GetString("Outcome") is { } before && before != entry.Outcome.ToString())
        {
            await _storage.Ingestions.DeleteEntityAsync("outcome-" + before, rowKey, ETag.All, cancellationToken).ConfigureAwait(false);
        }

        var locator = await RowAsync(LocatorPartition, entry.EntryId, entry, payload, cancellationToken).ConfigureAwait(false);
        locator["ListRowKey"] = rowKey;
        await _storage.Ingestions.UpsertEntityAsync(locator, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Entries newest first, optionally of one outcome and/or one blob; one partition query per page.</summary>
    /// <param name="continuation">The token of the previous page; a token that was not issued here is refused.</param>
    public async Task<IngestionPage> ListAsync(
        IngestionOutcome? outcome, string? blobName, int take, string? continuation, CancellationToken cancellationToken = default)
    {
        take = Math.Clamp(take, 1, MaxTake);
        var after = DecodeContinuation(continuation);
        var partition = blobName is not null ? BlobPartition(blobName) : outcome is { } o ? OutcomePartition(o) : AllPartition;
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey gt {after}");
        if (blobName is not null && outcome is { } wanted)
        {
            filter += " and " + TableClient.CreateQueryFilter($"Outcome eq {wanted.ToString()}");
        }

        var entries = new List<IngestionEntry>();
        string? lastRowKey = null;
        await foreach (var row in _storage.Ingestions.QueryAsync<TableEntity>(filter, maxPerPage: take + 1, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (entries.Count == take)
            {
                return new IngestionPage(entries, EncodeContinuation(lastRowKey!));
            }

            entries.Add(await ParseAsync(row, cancellationToken).ConfigureAwait(false));
            lastRowKey = row.RowKey;
        }

        return new IngestionPage(entries, null);
    }

    private async Task<TableEntity> RowAsync(string partition, string rowKey, IngestionEntry entry, byte[] payload, CancellationToken cancellationToken)
    {
        var row = new TableEntity(partition, rowKey)
        {
            ["Outcome"] = entry.Outcome.ToString(),
            ["BlobName"] = entry.BlobName.Length > 4000 ? entry.BlobName[..4000] : entry.BlobName,
            ["FinishedAt"] = entry.FinishedAt,
        };
        await PayloadColumns.AttachAsync(row, EntryColumn, payload, _storage.Payloads, $"ingestions/{entry.EntryId}.json", cancellationToken).ConfigureAwait(false);
        TableLimits.Validate(row);
        return row;
    }

    private async Task<IngestionEntry> ParseAsync(TableEntity row, CancellationToken cancellationToken)
    {
        var bytes = await PayloadColumns.ReadAsync(row, EntryColumn, _storage.Payloads, cancellationToken).ConfigureAwait(false);
        var entry = JsonSerializer.Deserialize<IngestionEntry>(bytes, Json)
            ?? throw new InvalidDataException($"Ingestion log row ({row.PartitionKey}, {row.RowKey}) holds no entry.");
        return entry.Outcome == IngestionOutcome.Running ? await WithLiveProgressAsync(entry, cancellationToken).ConfigureAwait(false) : entry;
    }

    /// <summary>
    /// Items update the progress row, not the entry (one row to merge under its ETag instead of four to rewrite), so
    /// a running entry is read with that row: one point read per running upload on the page.
    /// </summary>
    private async Task<IngestionEntry> WithLiveProgressAsync(IngestionEntry entry, CancellationToken cancellationToken)
    {
        var live = await _progress.GetAsync(entry.EntryId, cancellationToken).ConfigureAwait(false) ?? entry.Progress;
        if (live is null)
        {
            return entry;
        }

        var now = _time.GetUtcNow();
        return entry with
        {
            Progress = live with { ElapsedSeconds = Math.Round((now - entry.StartedAt).TotalSeconds, 1) },
            FinishedAt = live.UpdatedAt,
            TrialCount = live.StudiesIngested + live.StudiesUnchanged,
            ResourceCount = live.ResourceCount,
            ChangedResourceCount = live.ChangedResourceCount,
            WarningCount = live.WarningCount,
        };
    }

    private static string BlobPartition(string blobName) => "blob-" + IndexRowKey.EncodeBounded(blobName).Encoded;

    private static string OutcomePartition(IngestionOutcome outcome) => "outcome-" + outcome;

    // The token is the last row key seen, base64url: it only ever moves the start within the chosen partition.
    private static string EncodeContinuation(string rowKey) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(rowKey)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string DecodeContinuation(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return "";
        }

        try
        {
            var base64 = token.Replace('-', '+').Replace('_', '/');
            var rowKey = Encoding.UTF8.GetString(Convert.FromBase64String(base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=')));
            if (rowKey.Length == 44 && rowKey[19] == '-' && rowKey[..19].All(char.IsAsciiDigit) && rowKey[20..].All(char.IsAsciiHexDigitLower))
            {
                return rowKey;
            }
        }
        catch (FormatException)
        {
            // Falls through to the refusal below.
        }

        throw new ArgumentException("The continuation token is not one this log issued.", nameof(token));
    }
}
