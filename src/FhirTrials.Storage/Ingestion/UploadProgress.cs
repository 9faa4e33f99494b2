namespace FhirTrials.Storage.Ingestion;

/// <summary>
/// How far a large upload split into work items has come. Kept in one progress row per upload, merged under its ETag
/// as items finish (<see cref="UploadProgressRows"/>), shown in the upload's entry while it runs and kept there at the end.
/// </summary>
public sealed record UploadProgress
{
    /// <summary>Studies (records) the document holds, counted when it was split; for a ZIP archive, its entries.</summary>
    public int Studies { get; init; }

    /// <summary>The upload is a ZIP archive: its items are slices of its entries, each entry a document.</summary>
    public bool Archive { get; init; }

    /// <summary>Studies per work item when it was split.</summary>
    public int StudiesPerItem { get; init; }

    public int ItemsTotal { get; init; }

    /// <summary>Items finished, processed or poisoned; the upload is complete when this reaches <see cref="ItemsTotal"/>.</summary>
    public int ItemsDone { get; init; }

    /// <summary>Items that kept failing and went to the poison queue (counted in <see cref="ItemsDone"/> too).</summary>
    public int ItemsPoisoned { get; init; }

    /// <summary>Studies written with at least one new resource version.</summary>
    public int StudiesIngested { get; init; }

    /// <summary>Studies whose resources were all stored already (nothing written).</summary>
    public int StudiesUnchanged { get; init; }

    /// <summary>Studies the reader refused (a page broken part-way); the reasons are in <see cref="Rejections"/>.</summary>
    public int StudiesRejected { get; init; }

    /// <summary>Archive entries that are not trial documents (folders, Contents.txt, images): counted, not errors.</summary>
    public int EntriesSkipped { get; init; }

    /// <summary>Studies of poisoned items (some may have been written before their item gave up).</summary>
    public int StudiesFailed { get; init; }

    public int ResourceCount { get; init; }
    public int ChangedResourceCount { get; init; }
    public int WarningCount { get; init; }

    /// <summary>Why studies were rejected, at most <see cref="MaxListedReasons"/>.</summary>
    public IReadOnlyList<string> Rejections { get; init; } = [];

    /// <summary>Why items were poisoned, at most <see cref="MaxListedReasons"/>.</summary>
    public IReadOnlyList<string> Failures { get; init; } = [];

    /// <summary>The first warnings of the items, at most <see cref="MaxListedReasons"/>.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Seconds since the upload was first split: until now while it runs, until its last item at the end.</summary>
    public double ElapsedSeconds { get; init; }

    /// <summary>When an item last finished (or the upload was split).</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Every item is on the queue; until then a redelivered upload enqueues its items again.</summary>
    public bool Enqueued { get; init; }

    public bool IsComplete => ItemsTotal > 0 && ItemsDone >= ItemsTotal;

    /// <summary>Keeps the progress row well inside one 64 KiB table property.</summary>
    public const int MaxListedReasons = 20;
    public const int MaxReasonLength = 500;

    /// <summary>The outcome of a completed upload, from its counts.</summary>
    public IngestionOutcome FinalOutcome() =>
        ItemsPoisoned > 0 ? IngestionOutcome.PartlyFailed
        : StudiesIngested + StudiesUnchanged == 0 && StudiesRejected > 0 ? IngestionOutcome.Rejected
        : StudiesIngested == 0 && StudiesRejected == 0 ? IngestionOutcome.Unchanged
        : WarningCount > 0 || StudiesRejected > 0 ? IngestionOutcome.IngestedWithWarnings
        : IngestionOutcome.Ingested;

    /// <summary>Adds a reason to a capped list: ops need the first reasons and the counts, not ten thousand lines.</summary>
    public static IReadOnlyList<string> Append(IReadOnlyList<string> list, IEnumerable<string> reasons)
    {
        var result = list.ToList();
        foreach (var reason in reasons)
        {
            if (result.Count >= MaxListedReasons)
            {
                break;
            }

            var text = reason.Length > MaxReasonLength ? reason[..MaxReasonLength] + "…" : reason;
            if (!result.Contains(text, StringComparer.Ordinal))
            {
                result.Add(text);
            }
        }

        return result;
    }
}
