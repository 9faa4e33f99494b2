using FhirTrials.TestSupport;

namespace FhirTrials.Api.Tests.Http;

public sealed class CorsTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async System.Threading.Tasks.Task Configured_origins_get_CORS_headers_and_others_do_not()
    {
        using var server = new KestrelServerFactory(azurite, new Dictionary<string, string> { ["CorsOrigins"] = "https://app.example.org" });
        using var http = new HttpClient();

        using var allowed = new HttpRequestMessage(HttpMethod.Get, new Uri(server.FhirBase, "metadata"));
        allowed.Headers.Add("Origin", "https://app.example.org");
        using var allowedResponse = await http.SendAsync(allowed);
        using var other = new HttpRequestMessage(HttpMethod.Get, new Uri(server.FhirBase, "metadata"));
        other.Headers.Add("Origin", "https://evil.example.org");
        using var otherResponse = await http.SendAsync(other);

        Assert.Equal("https://app.example.org", allowedResponse.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.False(otherResponse.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async System.Threading.Tasks.Task Without_configuration_there_is_no_CORS()
    {
        using var server = new KestrelServerFactory(azurite);
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(server.FhirBase, "metadata"));
        request.Headers.Add("Origin", "https://app.example.org");

        using var response = await http.SendAsync(request);

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }
}
