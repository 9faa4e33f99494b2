using FhirTrials.Storage.Ingestion;

namespace FhirTrials.Storage.Pipeline;

/// <summary>What ingesting studies [from, to) of a document did, study by study.</summary>
public sealed record SliceResult
{
    public int Studies { get; init; }
    public int Ingested { get; init; }
    public int Unchanged { get; init; }
    public int Rejected { get; init; }
    /// <summary>Archive entries that are not documents (folders, Contents.txt): not errors.</summary>
    public int Skipped { get; init; }
    public int ResourceCount { get; init; }
    public int ChangedResourceCount { get; init; }
    public int WarningCount { get; init; }
    public IReadOnlyList<string> Warnings { get; init; } = [];
    public IReadOnlyList<string> Rejections { get; init; } = [];

    /// <summary>Every study of the slice refused for one reason (the blob replaced, the document broken before the slice).</summary>
    public static SliceResult AllRejected(int studies, string reason) => new() { Studies = studies, Rejected = studies, Rejections = [reason] };
}

/// <summary>Studies of a slice are written concurrently: every member locks.</summary>
internal sealed class SliceTally
{
    private readonly Lock _gate = new();
    private SliceResult _result = new();

    public int Written
    {
        get
        {
            lock (_gate)
            {
                return _result.Ingested + _result.Unchanged;
            }
        }
    }

    /// <summary>One study's outcome, as the pipeline's per-document tally completed it.</summary>
    public void Add(IngestionEntry study)
    {
        lock (_gate)
        {
            var changed = study.ChangedResourceCount > 0;
            _result = _result with
            {
                Ingested = _result.Ingested + (changed ? 1 : 0),
                Unchanged = _result.Unchanged + (changed ? 0 : 1),
                ResourceCount = _result.ResourceCount + study.ResourceCount,
                ChangedResourceCount = _result.ChangedResourceCount + study.ChangedResourceCount,
                WarningCount = _result.WarningCount + study.WarningCount,
                Warnings = UploadProgress.Append(_result.Warnings, study.Warnings),
            };
        }
    }

    public SliceResult Complete(int studies, string? rejection)
    {
        lock (_gate)
        {
            var missing = studies - _result.Ingested - _result.Unchanged;
            return _result with
            {
                Studies = studies,
                Rejected = missing,
                Rejections = missing > 0 && rejection is not null ? [rejection] : [],
            };
        }
    }
}
