using System.Text.Json;
using FhirTrials.Storage.Export;

namespace FhirTrials.Api.Export;

/// <summary>The completion manifest of Bulk Data Access v2.0.0: one output entry per file, with its line count.</summary>
public static class ExportManifest
{
    /// <param name="requiresAccessToken">Bearer mode: the file URLs need the same token as the status URL.</param>
    public static byte[] Write(ExportJob job, IEnumerable<ExportPart> parts, Uri serviceBase, bool requiresAccessToken = false)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(parts);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("transactionTime", ExportRequest.Instant(job.TransactionTime));
            json.WriteString("request", job.Request);
            json.WriteBoolean("requiresAccessToken", requiresAccessToken);
            json.WriteStartArray("output");
            foreach (var part in parts.Where(p => p.Blob is not null && p.Count > 0).OrderBy(p => job.Types.ToList().IndexOf(p.Type)).ThenBy(p => p.Part))
            {
                json.WriteStartObject();
                json.WriteString("type", part.Type);
                json.WriteString("url", new Uri(serviceBase, ExportRoutes.File + "/" + part.Blob).AbsoluteUri);
                json.WriteNumber("count", part.Count);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("error");
            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
