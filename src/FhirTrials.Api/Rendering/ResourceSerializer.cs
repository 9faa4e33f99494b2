using System.Text.Json;
using FhirTrials.Api.Http;
using FhirTrials.Storage.Resources;
using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;
using Hl7.Fhir.Serialization;

namespace FhirTrials.Api.Rendering;

/// <summary>Writes resources as JSON or XML, applying <c>_summary</c>/<c>_elements</c> (see <see cref="SummaryFilter"/>).</summary>
public static class ResourceSerializer
{
    private static readonly FhirJsonSerializer Json = new();
    private static readonly FhirXmlSerializer Xml = new();

    // Whole resources and Bundles go through Firely's System.Text.Json converter (the one the store writes with): the
    // same JSON as FhirJsonSerializer at about half its cost for a Bundle. Filtering needs FhirJsonSerializer.
    private static readonly JsonSerializerOptions Plain = FhirJson.Options;
    private static readonly JsonSerializerOptions Pretty = new(FhirJson.Options) { WriteIndented = true };

    // What we stored was valid when written (the store keeps only what the mapper produced): read it back without
    // validating every element again (the validating modes cost twice as much per resource), and so that an old
    // version never turns into a 500.
    private static readonly FhirJsonDeserializer JsonReader = new(new DeserializerSettings().UsingMode(DeserializationMode.Ostrich, null));

    public static string Serialize(Base resource, WireFormat format, SummaryFilter? filter = null, bool pretty = false)
    {
        var summary = filter?.Summary ?? SummaryType.False;
        var elements = filter?.Elements is { Count: > 0 } list ? list.ToArray() : null;
        if (elements is not null && resource is Bundle bundle)
        {
            // _elements names elements of the resources found, not of the Bundle around them.
            resource = WithFilteredEntries(bundle, r => Filter(r, SummaryType.False, elements));
            elements = null;
        }
        else if (summary is SummaryType.True or SummaryType.Text && resource is Resource whole)
        {
            // The spec keeps top-level mandatory elements in a summary; Firely's filter drops the non-summary ones.
            resource = whole is Bundle found
                ? WithFilteredEntries(found, r => Summarise(r, summary))
                : Summarise(whole, summary);
            summary = SummaryType.False;
        }

        return format == WireFormat.Xml ? Xml.SerializeToString(resource, summary, elements, pretty)
            : resource is Resource && summary == SummaryType.False && elements is null ? JsonSerializer.Serialize(resource, resource.GetType(), pretty ? Pretty : Plain)
            : Json.SerializeToString(resource, summary, elements, pretty);
    }

    public static Resource Parse(string json) => JsonReader.DeserializeResource(json);

    private static Bundle WithFilteredEntries(Bundle bundle, Func<Resource, Resource> filter)
    {
        var copy = (Bundle)bundle.DeepCopy();
        foreach (var entry in copy.Entry.Where(e => e.Resource is not null && e.Search?.Mode != Bundle.SearchEntryMode.Outcome))
        {
            entry.Resource = filter(entry.Resource!);
        }

        return copy;
    }

    private static Resource Filter(Resource resource, SummaryType summary, string[]? elements) =>
        Parse(Json.SerializeToString(resource, summary, elements, false));

    private static Resource Summarise(Resource resource, SummaryType summary)
    {
        var filtered = Filter(resource, summary, null);
        var mapping = ModelInfo.ModelInspector.FindClassMapping(resource.GetType());
        foreach (var property in mapping?.PropertyMappings.Where(p => p.IsMandatoryElement).Select(p => p.NativeProperty).OfType<System.Reflection.PropertyInfo>() ?? [])
        {
            if (property.GetValue(filtered) is null or System.Collections.ICollection { Count: 0 } && property.GetValue(resource) is { } value)
            {
                property.SetValue(filtered, value);
            }
        }

        return filtered;
    }
}
