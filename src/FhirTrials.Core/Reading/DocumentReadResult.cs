using FhirTrials.Core.Records;

namespace FhirTrials.Core.Reading;

/// <summary>What the reader made of one document: its format and layout, the trial records in it, and why it was
/// refused when it holds no trial.</summary>
/// <param name="Format">Null when the bytes are not a readable document at all (binary, empty).</param>
/// <param name="Layout">The recognised layout, e.g. <c>ctgov-api-v2</c>; null when refused before recognition.</param>
/// <param name="ContentHash">SHA-256 of the document bytes, lower-case hex.</param>
/// <param name="Warnings">Document-level warnings (encoding repaired, control characters removed, ...).</param>
/// <param name="RejectionReason">Plain words for ops when the document is not a trial; null when it was read.</param>
public sealed record DocumentReadResult(
    string DocumentName,
    string ContentHash,
    DocumentFormat? Format,
    string? Layout,
    IReadOnlyList<TrialRecord> Records,
    IReadOnlyList<ReadWarning> Warnings,
    string? RejectionReason)
{
    public bool IsRejected => RejectionReason is not null;

    internal static DocumentReadResult Rejected(string name, string hash, string reason, DocumentFormat? format = null, IReadOnlyList<ReadWarning>? warnings = null) =>
        new(name, hash, format, null, [], warnings ?? [], reason);
}
