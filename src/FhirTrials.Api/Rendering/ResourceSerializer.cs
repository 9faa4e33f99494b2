using FhirTrials.Api.Http;
using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;
using Hl7.Fhir.Serialization;

namespace FhirTrials.Api.Rendering;

/// <summary>Writes resources as JSON or XML, applying <c>_summary</c>/<c>_elements</c> (see <see cref="SummaryFilter"/>).</summary>
public static class ResourceSerializer
{
    private static readonly FhirJsonSerializer Json = new();
    private static readonly FhirXmlSerializer Xml = new();
    // What we stored was valid when written; read it back leniently so an old version never turns into a 500.
    private static readonly FhirJsonDeserializer JsonReader = new(new DeserializerSettings().UsingMode(DeserializationMode.Recoverable, null));

    public static string Serialize(Base resource, WireFormat format, SummaryFilter? filter = null, bool pretty = false)
    {
        var summary = filter?.Summary ?? SummaryType.False;
        var elements = filter?.Elements is { Count: > 0 } list ? list.ToArray() : null;
        return format == WireFormat.Xml
            ? Xml.SerializeToString(resource, summary, elements, pretty)
            : Json.SerializeToString(resource, summary, elements, pretty);
    }

    public static Resource Parse(string json) => JsonReader.DeserializeResource(json);
}
