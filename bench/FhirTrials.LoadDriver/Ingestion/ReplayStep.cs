using Azure.Data.Tables;

namespace FhirTrials.LoadDriver.Ingestion;

internal enum StepKind
{
    BlobProperties,
    BlobDownload,
    BlobUpload,
    PointRead,
    Query,
    Insert,
    Upsert,
    Update,
    Delete,
    Batch,
}

/// <summary>
/// One bare Azure SDK call of the baseline, made from one recorded request of ours (a multi-page query from all its
/// page requests). <see cref="Target"/> is the table or container name as ours used it.
/// </summary>
internal sealed record ReplayStep(StepKind Kind, string Target, int ExpectedStatus)
{
    public string? BlobName { get; init; }

    public byte[]? Upload { get; init; }

    public string? PartitionKey { get; init; }

    public string? RowKey { get; init; }

    public string? Filter { get; init; }

    public IReadOnlyList<string>? Select { get; init; }

    public int? Top { get; init; }

    public int Pages { get; set; } = 1;

    public TableEntity? Entity { get; init; }

    public TableUpdateMode Mode { get; init; }

    public IReadOnlyList<TableTransactionAction>? Actions { get; init; }

    /// <summary>How many storage requests the step makes (the pages of a query).</summary>
    public int Requests => Kind == StepKind.Query ? Pages : 1;
}
