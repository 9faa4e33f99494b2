using System.Text.Json.Serialization;
using FhirTrials.Storage.Archives;

namespace FhirTrials.Storage.Ingestion;

[JsonConverter(typeof(JsonStringEnumConverter<IngestionOutcome>))]
public enum IngestionOutcome
{
    Ingested,
    IngestedWithWarnings,
    /// <summary>The content was already stored: nothing written.</summary>
    Unchanged,
    /// <summary>The document is not a trial, or is too large: kept in the poison container.</summary>
    Rejected,
    /// <summary>An error (storage unavailable, a bug) stopped the ingestion; a retry may succeed.</summary>
    Failed,
}

/// <summary>A resource the ingestion wrote or found unchanged, with its version.</summary>
public sealed record IngestedResource(string ResourceType, string Id, string VersionId, bool Changed);

/// <summary>One blob version processed: what it was, what came of it, in plain words for ops.</summary>
/// <param name="EntryId">Stable for the blob name and version (ETag): a retry updates the same entry.</param>
/// <param name="BlobVersion">The blob's ETag when it was read.</param>
/// <param name="Attempts">How many times this blob version was processed.</param>
/// <remarks>
/// A page of 10,000 studies writes 70,000 resources: the lists are capped so an entry stays a few hundred KiB
/// (one Table entity row, not an overflow blob read back on every listing), and the counts tell the whole story.
/// </remarks>
public sealed record IngestionEntry(
    string EntryId,
    string BlobName,
    string BlobVersion,
    IngestionOutcome Outcome,
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    int Attempts)
{
    public string? ContentHash { get; init; }
    public long? SizeBytes { get; init; }
    public string? Format { get; init; }
    public string? Layout { get; init; }
    /// <summary>The first <see cref="MaxListedTrials"/> trials; <see cref="TrialCount"/> counts them all.</summary>
    public IReadOnlyList<string> TrialKeys { get; init; } = [];

    /// <summary>The first <see cref="MaxListedResources"/> resources; <see cref="ResourceCount"/> counts them all.</summary>
    public IReadOnlyList<IngestedResource> Resources { get; init; } = [];

    /// <summary>Distinct warnings, at most <see cref="MaxListedWarnings"/>; <see cref="WarningCount"/> counts them all.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    public int TrialCount { get; init; }
    public int ResourceCount { get; init; }
    public int ChangedResourceCount { get; init; }
    public int WarningCount { get; init; }

    public IReadOnlyList<string> Errors { get; init; } = [];
    /// <summary>For a ZIP: what became of its entries (ingested, unchanged, skipped, rejected, with reasons).</summary>
    public ArchiveSummary? Archive { get; init; }

    /// <summary>Where the blob was copied for inspection (rejected or repeatedly failing documents).</summary>
    public string? PoisonCopy { get; init; }

    public TimeSpan Duration => FinishedAt - StartedAt;

    public const int MaxListedTrials = 100;
    public const int MaxListedResources = 1000;
    public const int MaxListedWarnings = 200;
}

/// <summary>One page of the log, newest first; pass <paramref name="Continuation"/> back for the next page.</summary>
public sealed record IngestionPage(IReadOnlyList<IngestionEntry> Entries, string? Continuation);
