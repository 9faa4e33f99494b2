using System.Net.Http.Headers;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace FhirTrials.Api.Tests.Support;

/// <summary>Parses response bodies with Firely's strict deserializers: any invalid element fails the test.</summary>
public static class FhirAssert
{
    private static readonly FhirJsonDeserializer StrictJson = new(new DeserializerSettings().UsingMode(DeserializationMode.Strict, null));
    private static readonly FhirXmlDeserializer StrictXml = new(new DeserializerSettings().UsingMode(DeserializationMode.Strict, null));

    public static Resource ParseStrict(string body, MediaTypeHeaderValue? contentType)
    {
        ArgumentNullException.ThrowIfNull(body);
        return contentType?.MediaType == "application/fhir+xml"
            ? StrictXml.DeserializeResource(body)
            : contentType?.MediaType == "application/fhir+json"
                ? StrictJson.DeserializeResource(body)
                : throw new Xunit.Sdk.XunitException($"Unexpected content type {contentType}");
    }

    public static async Task<T> ReadStrictAsync<T>(HttpResponseMessage response)
        where T : Resource
    {
        ArgumentNullException.ThrowIfNull(response);
        var body = await response.Content.ReadAsStringAsync();
        return Assert.IsType<T>(ParseStrict(body, response.Content.Headers.ContentType));
    }
}
