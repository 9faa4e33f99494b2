namespace FhirTrials.Storage.Resources;

/// <summary>One stored version of a resource, as FHIR JSON with meta.versionId and meta.lastUpdated set.</summary>
public sealed record StoredResource(string ResourceType, string Id, string VersionId, DateTimeOffset LastUpdated, string Json);

/// <summary>What a write did: a new version (<paramref name="Changed"/>), or nothing because the content was already stored.</summary>
public sealed record ResourceWriteResult(string ResourceType, string Id, string VersionId, bool Changed);

/// <summary>Other writers kept changing the resource; the write gave up after its attempts and may be retried.</summary>
public sealed class ResourceConflictException : Exception
{
    public ResourceConflictException()
    {
    }

    public ResourceConflictException(string message)
        : base(message)
    {
    }

    public ResourceConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
