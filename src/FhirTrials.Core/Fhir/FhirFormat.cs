using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Xml;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace FhirTrials.Core.Fhir;

/// <summary>Readable FHIR JSON and XML (indented, non-ASCII kept as written) for the CLI, golden files and tests.</summary>
public static class FhirFormat
{
    private static BaseFhirJsonSerializer JsonSerializer { get; } = new(ModelInfo.ModelInspector);
    private static BaseFhirXmlSerializer XmlSerializer { get; } = new(ModelInfo.ModelInspector);

    public static string ToJson(Resource resource)
    {
        using var stream = new MemoryStream();
        // Relaxed escaping keeps "Menasché" readable; the output is a FHIR document, never embedded in HTML.
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            JsonSerializer.Serialize(resource, writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    public static string ToXml(Resource resource)
    {
        var builder = new StringBuilder();
        using (var writer = XmlWriter.Create(builder, new XmlWriterSettings { Indent = true, OmitXmlDeclaration = false, Encoding = Encoding.UTF8 }))
        {
            XmlSerializer.Serialize(resource, writer);
        }

        return builder.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"", StringComparison.Ordinal) + "\n";
    }
}
