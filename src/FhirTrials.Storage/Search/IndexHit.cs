namespace FhirTrials.Storage.Search;

/// <summary>One index row: the resource and version it was written for, and the value it indexes.</summary>
/// <param name="KeyTruncated">The stored key was cut (values over 16,000 characters): re-check the resource itself.</param>
public sealed record IndexHit(string Id, string VersionId, string Key, string? Low, string? High, bool KeyTruncated = false);
