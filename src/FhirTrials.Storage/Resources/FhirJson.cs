using System.Security.Cryptography;
using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Utility;

namespace FhirTrials.Storage.Resources;

/// <summary>FHIR JSON as the store keeps it, and the content hash that decides whether a resource changed.</summary>
public static class FhirJson
{
    public static JsonSerializerOptions Options { get; } = new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector);

    public static byte[] Serialize(Resource resource) => JsonSerializer.SerializeToUtf8Bytes(resource, Options);

    public static Resource Parse(string json) =>
        JsonSerializer.Deserialize<Resource>(json, Options) ?? throw new InvalidDataException("The stored JSON holds no resource.");

    /// <summary>A copy of the resource carrying the version the store assigned.</summary>
    public static Resource WithVersion(Resource resource, string versionId, DateTimeOffset lastUpdated)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var copy = (Resource)resource.DeepCopy();
        copy.Meta ??= new Meta();
        copy.Meta.VersionId = versionId;
        copy.Meta.LastUpdated = lastUpdated;
        return copy;
    }

    /// <summary>
    /// SHA-256 of the resource without meta.versionId, meta.lastUpdated and meta.source: equal hashes mean nothing to
    /// store. A site, sponsor or investigator shared by two trials is written by each trial's document; only the
    /// source would differ, and a new version for that alone would churn shared resources with every trial ingested
    /// (the Provenance of each document still names it).
    /// </summary>
    public static string ContentHash(Resource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var copy = (Resource)resource.DeepCopy();
        if (copy.Meta is { } meta)
        {
            meta.VersionId = null;
            meta.LastUpdated = null;
            meta.Source = null;
            if (meta.IsNullOrEmpty())
            {
                copy.Meta = null;
            }
        }

        return Convert.ToHexStringLower(SHA256.HashData(Serialize(copy)));
    }
}
