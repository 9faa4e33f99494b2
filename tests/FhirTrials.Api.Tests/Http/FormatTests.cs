using System.Net;
using System.Net.Http.Headers;
using FhirTrials.Api.Tests.Support;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace FhirTrials.Api.Tests.Http;

public abstract class FormatTests(IApiServer server)
{
    private readonly IApiServer _server = server;

    [Theory]
    [InlineData("application/fhir+json", null, "application/fhir+json")]
    [InlineData("application/json", null, "application/fhir+json")]
    [InlineData("application/fhir+xml", null, "application/fhir+xml")]
    [InlineData("application/xml", null, "application/fhir+xml")]
    [InlineData("*/*", null, "application/fhir+json")]
    [InlineData("text/html, application/xml;q=0.9, */*;q=0.8", null, "application/fhir+xml")]
    [InlineData("application/fhir+json;q=0.5, application/fhir+xml", null, "application/fhir+xml")]
    [InlineData(null, null, "application/fhir+json")]
    [InlineData("application/fhir+xml", "json", "application/fhir+json")]
    [InlineData("application/fhir+json", "xml", "application/fhir+xml")]
    [InlineData(null, "application/fhir+xml", "application/fhir+xml")]
    [InlineData(null, "application/json", "application/fhir+json")]
    public async System.Threading.Tasks.Task Format_comes_from_format_parameter_or_Accept(string? accept, string? format, string expected)
    {
        using var http = new HttpClient();
        var url = "ResearchStudy/s1" + (format is null ? "" : "?_format=" + Uri.EscapeDataString(format));
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_server.FhirBase, url));
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected, response.Content.Headers.ContentType?.MediaType);
        await FhirAssert.ReadStrictAsync<ResearchStudy>(response);
    }

    [Theory]
    [InlineData("text/html", null)]
    [InlineData("image/png", null)]
    [InlineData(null, "yaml")]
    [InlineData(null, "text/turtle")]
    public async System.Threading.Tasks.Task Unsupported_formats_are_406(string? accept, string? format)
    {
        using var http = new HttpClient();
        var url = "ResearchStudy/s1" + (format is null ? "" : "?_format=" + Uri.EscapeDataString(format));
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_server.FhirBase, url));
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
    }

    [Theory]
    [InlineData("ResearchStudy/s1")]
    [InlineData("ResearchStudy?_id=s1,s2&_include=ResearchStudy:sponsor")]
    [InlineData("ResearchStudy/s1/_history")]
    [InlineData("metadata")]
    public async System.Threading.Tasks.Task XML_and_JSON_of_the_same_resource_are_equivalent(string path)
    {
        using var http = new HttpClient();
        using var json = await http.GetAsync(new Uri(_server.FhirBase, path + (path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "_format=json"));
        using var xml = await http.GetAsync(new Uri(_server.FhirBase, path + (path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "_format=xml"));

        var fromJson = FhirAssert.ParseStrict(await json.Content.ReadAsStringAsync(), json.Content.Headers.ContentType);
        var fromXml = FhirAssert.ParseStrict(await xml.Content.ReadAsStringAsync(), xml.Content.Headers.ContentType);

        // Search bundles get a fresh id and timestamp per response; everything else must be identical.
        if (fromJson is Bundle a && fromXml is Bundle b)
        {
            b.Id = a.Id;
            b.Meta = a.Meta;
            Assert.Equal(a.Link.Select(l => l.Url!.Replace("_format=json", "", StringComparison.Ordinal)), b.Link.Select(l => l.Url!.Replace("_format=xml", "", StringComparison.Ordinal)));
            b.Link = a.Link;
        }

        var serializer = new FhirJsonSerializer();
        Assert.Equal(serializer.SerializeToString(fromJson), serializer.SerializeToString(fromXml));
    }

    [Fact]
    public async System.Threading.Tasks.Task Responses_are_compressed_when_the_client_accepts_it()
    {
        using var handler = new HttpClientHandler { AutomaticDecompression = DecompressionMethods.None };
        using var http = new HttpClient(handler);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_server.FhirBase, "ResearchStudy?_count=100"));
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("gzip", response.Content.Headers.ContentEncoding);
    }
}

/// <summary>FormatTests against the Server host (ASP.NET Core on Kestrel).</summary>
public sealed class FormatTestsOnServerHost(SeededServer seeded) : FormatTests(seeded.Server), IClassFixture<SeededServer>;

/// <summary>FormatTests against the Functions app, through the test host.</summary>
public sealed class FormatTestsOnFunctionsHost(SeededFunctionsApp seeded) : FormatTests(seeded.Server), IClassFixture<SeededFunctionsApp>;
