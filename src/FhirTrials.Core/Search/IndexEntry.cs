namespace FhirTrials.Core.Search;

/// <summary>One searchable value of one resource for one search parameter.</summary>
public sealed record IndexEntry(string Parameter, string Key, string? Low = null, string? High = null);
