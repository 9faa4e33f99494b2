namespace FhirTrials.Api.Data;

/// <summary>One stored version of a resource, as FHIR JSON.</summary>
public sealed record StoredVersion(string ResourceType, string Id, string VersionId, DateTimeOffset LastUpdated, string Json);
