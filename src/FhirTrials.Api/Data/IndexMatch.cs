namespace FhirTrials.Api.Data;

/// <summary>One index row found: the resource (and version it was written for) and the entry's key and range.
/// <see cref="KeyTruncated"/>: the stored key is a prefix of the real value, so the resource must be re-checked.</summary>
public sealed record IndexMatch(string Id, string VersionId, string Key, string? Low, string? High, bool KeyTruncated = false);
