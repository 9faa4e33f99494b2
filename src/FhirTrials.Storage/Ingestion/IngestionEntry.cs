using System.Text.Json.Serialization;

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
    public IReadOnlyList<string> TrialKeys { get; init; } = [];
    public IReadOnlyList<IngestedResource> Resources { get; init; } = [];
    public IReadOnlyList<string> Warnings { get; init; } = [];
    public IReadOnlyList<string> Errors { get; init; } = [];
    /// <summary>Where the blob was copied for inspection (rejected or repeatedly failing documents).</summary>
    public string? PoisonCopy { get; init; }

    public TimeSpan Duration => FinishedAt - StartedAt;
}

/// <summary>One page of the log, newest first; pass <paramref name="Continuation"/> back for the next page.</summary>
public sealed record IngestionPage(IReadOnlyList<IngestionEntry> Entries, string? Continuation);
