using FhirTrials.Api.Tests.Support;
using FhirTrials.TestSupport;

namespace FhirTrials.Api.Tests.Http;

/// <remarks>Every test starts a host of its own: CORS is set by a setting read at start.</remarks>
public abstract class CorsTests
{
    protected abstract System.Threading.Tasks.Task<IApiServer> StartServerAsync(IReadOnlyDictionary<string, string>? settings = null);

    [Fact]
    public async System.Threading.Tasks.Task Configured_origins_get_CORS_headers_and_others_do_not()
    {
        await using var server = await StartServerAsync(new Dictionary<string, string> { ["CorsOrigins"] = "https://app.example.org" });
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
        await using var server = await StartServerAsync();
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(server.FhirBase, "metadata"));
        request.Headers.Add("Origin", "https://app.example.org");

        using var response = await http.SendAsync(request);

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }
}

/// <summary>CorsTests against the Server host (ASP.NET Core on Kestrel).</summary>
public sealed class CorsTestsOnServerHost(AzuriteFixture azurite) : CorsTests, IClassFixture<AzuriteFixture>
{
    protected override System.Threading.Tasks.Task<IApiServer> StartServerAsync(IReadOnlyDictionary<string, string>? settings = null) =>
        System.Threading.Tasks.Task.FromResult<IApiServer>(new KestrelServerFactory(azurite, settings));
}

/// <summary>CorsTests against the Functions app, through the test host (one worker per test).</summary>
public sealed class CorsTestsOnFunctionsHost(AzuriteFixture azurite) : CorsTests, IClassFixture<AzuriteFixture>
{
    protected override async System.Threading.Tasks.Task<IApiServer> StartServerAsync(IReadOnlyDictionary<string, string>? settings = null) =>
        await FunctionsServer.StartAsync(azurite, settings);
}
