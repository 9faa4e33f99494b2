using FhirTrials.Storage.Ingestion;

namespace FhirTrials.TestSupport.Hostile;

/// <summary>
/// One document of the hostile corpus: its bytes (opened afresh each time, generated, never held whole when large),
/// the outcome the pipeline must reach and a fragment its plain-words reason must contain.
/// </summary>
/// <param name="Name">Also the blob name, with the extension an upload would have.</param>
/// <param name="Reason">Contained in the entry's first error (rejected) or one of its warnings; null when clean.</param>
/// <param name="NctId">The trial the document holds, when it is ingested.</param>
/// <param name="Length">Bytes, known without generating them.</param>
public sealed record HostileCase(
    string Name,
    IngestionOutcome Expected,
    string? Reason,
    string? NctId,
    long Length,
    Func<Stream> Open)
{
    /// <summary>Larger cases are generated while they are uploaded and must be measured against larger bounds.</summary>
    public bool IsLarge => Length > 8 * 1024 * 1024;

    public override string ToString() => Name;
}
