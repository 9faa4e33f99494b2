using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using FhirTrials.Storage.Search;
using FhirTrials.Storage.Tables;

namespace FhirTrials.Storage.Pipeline;

/// <summary>One source document's record of a trial, as stored.</summary>
/// <param name="Received">When this content of the document was first ingested (kept when the same content comes again).</param>
public sealed record SourceRecord(string TrialKey, string DocumentName, string ContentHash, DateTimeOffset Received, string? DocumentUri, string RecordJson)
{
    /// <summary>The content hash the trial's resources were last merged from; equal to ContentHash when they reflect this content.</summary>
    public string? MergedHash { get; init; }
}

/// <summary>What the unchanged check reads of a stored source row (not its record).</summary>
public sealed record SourceStamp(string ContentHash, string? MergedHash, DateTimeOffset Received)
{
    public bool IsMerged(string contentHash) => ContentHash == contentHash && MergedHash == contentHash;
}

/// <summary>The trial's merge state: which document contents its stored resources were made from.</summary>
public sealed record TrialMergeState(IReadOnlySet<string> MergedSources, ETag ETag)
{
    public static string SourceId(string documentName, string contentHash) => documentName + "\n" + contentHash;
}

/// <summary>
/// The Sources table: PK trial key; one row per source document (RK "doc " + encoded document name, so an edited
/// document replaces its earlier content instead of being merged with it) and one "state" row whose ETag serialises
/// merges: a merge commits only if no other merge of the trial committed since it read the sources.
/// </summary>
public sealed class TrialSources(TrialStorage storage)
{
    private const string StateRow = "state";
    private const string DocumentPrefix = "doc ";
    private const string RecordColumn = "Record";
    private const string MergedHashColumn = "MergedHash";

    private readonly TrialStorage _storage = storage ?? throw new ArgumentNullException(nameof(storage));

    /// <summary>Stores the document's record of the trial; returns false when this exact content was already stored.</summary>
    public async Task<bool> PutAsync(SourceRecord source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        var existing = await _storage.Sources.GetEntityIfExistsAsync<TableEntity>(source.TrialKey, RowKeyOf(source.DocumentName), cancellationToken: cancellationToken).ConfigureAwait(false);
        if (existing.HasValue && existing.Value!.GetString("ContentHash") == source.ContentHash)
        {
            return false;
        }

        var row = await BuildRowAsync(source, cancellationToken).ConfigureAwait(false);
        await _storage.Sources.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>The hashes of one document's stored row, without its record (the unchanged check of a bulk ingestion), or null.</summary>
    public async Task<SourceStamp?> GetStampAsync(string trialKey, string documentName, CancellationToken cancellationToken = default)
    {
        var row = await _storage.Sources.GetEntityIfExistsAsync<TableEntity>(
            trialKey, RowKeyOf(documentName), ["ContentHash", MergedHashColumn, "Received"], cancellationToken).ConfigureAwait(false);
        return row.HasValue
            ? new SourceStamp(row.Value!.GetString("ContentHash") ?? "", row.Value.GetString(MergedHashColumn), row.Value.GetDateTimeOffset("Received") ?? default)
            : null;
    }

    /// <summary>The merge state and every source document of the trial, in one partition query.</summary>
    public async Task<(TrialMergeState State, List<SourceRecord> Sources)> GetAllAsync(string trialKey, CancellationToken cancellationToken = default)
    {
        var state = new TrialMergeState(new HashSet<string>(), default);
        var sources = new List<SourceRecord>();
        await foreach (var row in _storage.Sources.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {trialKey}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (row.RowKey == StateRow)
            {
                state = ParseState(row);
            }
            else if (row.RowKey.StartsWith(DocumentPrefix, StringComparison.Ordinal))
            {
                sources.Add(await ParseAsync(row, cancellationToken).ConfigureAwait(false));
            }
        }

        return (state, sources);
    }

    /// <summary>
    /// Stores the document's record and the merge state in one transaction of the trial's partition, If-Match the
    /// state read before merging, and marks every merged source row with the content it was merged at (what the next
    /// unchanged check reads). False when another merge committed first: nothing was stored, merge again.
    /// </summary>
    public async Task<bool> TryCommitAsync(
        SourceRecord source, IReadOnlyList<SourceRecord> merged, ETag stateReadAt, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(merged);
        var row = await BuildRowAsync(source, cancellationToken).ConfigureAwait(false);
        row[MergedHashColumn] = source.ContentHash;
        var state = StateEntity(source.TrialKey, merged.Select(s => TrialMergeState.SourceId(s.DocumentName, s.ContentHash)), now);
        List<TableTransactionAction> actions =
        [
            stateReadAt == default
                ? new TableTransactionAction(TableTransactionActionType.Add, state)
                : new TableTransactionAction(TableTransactionActionType.UpdateReplace, state, stateReadAt),
            new TableTransactionAction(TableTransactionActionType.UpsertReplace, row),
            .. merged.Where(s => s.DocumentName != source.DocumentName && s.MergedHash != s.ContentHash).Select(s => new TableTransactionAction(
                TableTransactionActionType.UpdateMerge, new TableEntity(s.TrialKey, RowKeyOf(s.DocumentName)) { [MergedHashColumn] = s.ContentHash }, ETag.All)),
        ];
        try
        {
            await _storage.Sources.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TableTransactionFailedException e) when (e.Status is 404 or 409 or 412)
        {
            return false;
        }
    }

    /// <summary>The stored record of one document for the trial, or null.</summary>
    public async Task<SourceRecord?> GetAsync(string trialKey, string documentName, CancellationToken cancellationToken = default)
    {
        var row = await _storage.Sources.GetEntityIfExistsAsync<TableEntity>(
            trialKey, RowKeyOf(documentName), cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue ? await ParseAsync(row.Value!, cancellationToken).ConfigureAwait(false) : null;
    }

    /// <summary>Every source document of the trial (one partition query).</summary>
    public async Task<List<SourceRecord>> ListAsync(string trialKey, CancellationToken cancellationToken = default)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {trialKey} and RowKey ge {DocumentPrefix} and RowKey lt {IndexRowKey.PrefixUpperBound(DocumentPrefix)}");
        var sources = new List<SourceRecord>();
        await foreach (var row in _storage.Sources.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            sources.Add(await ParseAsync(row, cancellationToken).ConfigureAwait(false));
        }

        return sources;
    }

    public async Task<TrialMergeState> GetStateAsync(string trialKey, CancellationToken cancellationToken = default)
    {
        var row = await _storage.Sources.GetEntityIfExistsAsync<TableEntity>(trialKey, StateRow, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!row.HasValue)
        {
            return new TrialMergeState(new HashSet<string>(), default);
        }

        return ParseState(row.Value!);
    }

    /// <summary>Records which sources the stored resources reflect; false when another merge committed first (merge again).</summary>
    public async Task<bool> TryCommitStateAsync(string trialKey, IEnumerable<string> mergedSources, ETag readAt, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var row = StateEntity(trialKey, mergedSources, now);
        try
        {
            if (readAt == default)
            {
                await _storage.Sources.AddEntityAsync(row, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await _storage.Sources.UpdateEntityAsync(row, readAt, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            }

            return true;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return false;
        }
    }

    private static string RowKeyOf(string documentName) => DocumentPrefix + IndexRowKey.EncodeBounded(documentName).Encoded;

    private static TableEntity StateEntity(string trialKey, IEnumerable<string> mergedSources, DateTimeOffset now)
    {
        var row = new TableEntity(trialKey, StateRow)
        {
            ["MergedSources"] = JsonSerializer.Serialize(mergedSources.Order(StringComparer.Ordinal).ToList()),
            ["MergedAt"] = now,
        };
        TableLimits.Validate(row);
        return row;
    }

    private static TrialMergeState ParseState(TableEntity row)
    {
        var merged = JsonSerializer.Deserialize<List<string>>(row.GetString("MergedSources") ?? "[]") ?? [];
        return new TrialMergeState(merged.ToHashSet(StringComparer.Ordinal), row.ETag);
    }

    private async Task<TableEntity> BuildRowAsync(SourceRecord source, CancellationToken cancellationToken)
    {
        var row = new TableEntity(source.TrialKey, RowKeyOf(source.DocumentName))
        {
            ["DocumentName"] = source.DocumentName,
            ["ContentHash"] = source.ContentHash,
            ["Received"] = source.Received,
            ["DocumentUri"] = source.DocumentUri,
        };
        await PayloadColumns.AttachAsync(
            row, RecordColumn, System.Text.Encoding.UTF8.GetBytes(source.RecordJson), _storage.Payloads,
            $"sources/{source.TrialKey}/{source.ContentHash}.json", cancellationToken).ConfigureAwait(false);
        TableLimits.Validate(row);
        return row;
    }

    private async Task<SourceRecord> ParseAsync(TableEntity row, CancellationToken cancellationToken)
    {
        var json = await PayloadColumns.ReadAsync(row, RecordColumn, _storage.Payloads, cancellationToken).ConfigureAwait(false);
        return new SourceRecord(
            row.PartitionKey,
            row.GetString("DocumentName") ?? "",
            row.GetString("ContentHash") ?? "",
            row.GetDateTimeOffset("Received") ?? default,
            row.GetString("DocumentUri"),
            System.Text.Encoding.UTF8.GetString(json))
        {
            MergedHash = row.GetString(MergedHashColumn),
        };
    }
}
