namespace FhirTrials.Core.Fhir;

/// <param name="Recorded">When the mapping happened: Provenance.recorded and meta.lastUpdated (fixed in tests).</param>
/// <param name="SourceDocumentUri">The blob's URI, when the caller knows it: meta.source and the Provenance entity.
/// Without it the document is named by its content hash (RFC 6920 <c>ni:///sha-256;...</c>).</param>
public sealed record MappingOptions(DateTimeOffset Recorded, string? SourceDocumentUri = null);
