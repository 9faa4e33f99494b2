using System.Net;
using FhirTrials.TestSupport;
using FhirTrials.TestSupport.FunctionsHost;

namespace FhirTrials.Functions.Tests;

public sealed class SmokeTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Metadata_is_served_through_the_test_host()
    {
        await using var app = await FunctionsApp.StartAsync(azurite);
        using var http = new HttpClient();
        using var response = await http.GetAsync(new Uri(app.FhirBase, "metadata"));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode} {body}\n{app.Host.Describe()}");
        Assert.Contains("CapabilityStatement", body, StringComparison.Ordinal);
    }
}
