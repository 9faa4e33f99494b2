namespace FhirTrials.Storage.Export;

public enum ExportStatus
{
    Running,
    Completed,
    Failed,
    Cancelled,
}

/// <summary>
/// One bulk export as kicked off: what it exports (<see cref="Types"/>, changes after <see cref="Since"/>), as of
/// <see cref="TransactionTime"/>, and how far it got (the types whose last slice is written).
/// </summary>
/// <param name="Request">The kick-off request URL, echoed in the manifest.</param>
public sealed record ExportJob(
    string Id,
    ExportStatus Status,
    IReadOnlyList<string> Types,
    IReadOnlyList<string> DoneTypes,
    DateTimeOffset? Since,
    DateTimeOffset TransactionTime,
    string Request,
    DateTimeOffset? CompletedAt = null,
    DateTimeOffset? ExpiresAt = null,
    string? Error = null);

/// <summary>
/// One written slice of a type: its output file (absent when none of its rows was exported) and where it ended, so a
/// redelivered slice reads exactly the same rows and the next slice starts after them.
/// </summary>
/// <param name="End">Row key of the last row read (Resources id or change-index key).</param>
/// <param name="More">Rows remain after <paramref name="End"/>: the next slice is enqueued.</param>
public sealed record ExportPart(string Type, int Part, int Count, string End, bool More, string? Blob);
