using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FhirTrials.Api.Tests.Support;
using Hl7.Fhir.Model;

namespace FhirTrials.Api.Tests.Ops;

/// <summary>GET api/health on each host; a frozen storage is covered by StorageStallTests.</summary>
public abstract class HealthEndpointTests(IApiServer server)
{
    [Fact]
    public async System.Threading.Tasks.Task Health_is_200_healthy_when_storage_answers()
    {
        using var http = new HttpClient { BaseAddress = server.BaseAddress };

        using var response = await http.GetAsync(new Uri("/api/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = await response.Content.ReadFromJsonAsync<JsonDocument>();
        Assert.Equal("healthy", body!.RootElement.GetProperty("status").GetString());
    }
}

public sealed class HealthEndpointTestsOnServerHost(SeededServer seeded) : HealthEndpointTests(seeded.Server), IClassFixture<SeededServer>;

public sealed class HealthEndpointTestsOnFunctionsHost(SeededFunctionsApp seeded) : HealthEndpointTests(seeded.Server), IClassFixture<SeededFunctionsApp>;

public sealed class HealthWithoutTablesTests(FhirTrials.TestSupport.AzuriteFixture azurite) : IClassFixture<FhirTrials.TestSupport.AzuriteFixture>
{
    [Fact]
    public async System.Threading.Tasks.Task Health_is_503_with_the_reason_when_the_tables_are_gone()
    {
        using var server = new KestrelServerFactory(azurite);
        await server.Storage().Resources.DeleteAsync();
        using var http = new HttpClient { BaseAddress = server.BaseAddress };

        using var response = await http.GetAsync(new Uri("/api/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        var outcome = await FhirAssert.ReadStrictAsync<OperationOutcome>(response);
        Assert.Contains("does not exist", outcome.Issue[0].Diagnostics, StringComparison.Ordinal);
        // Anonymous probes learn nothing of the storage layout (issue 19): no table names.
        Assert.DoesNotContain(server.TablePrefix, outcome.Issue[0].Diagnostics, StringComparison.OrdinalIgnoreCase);
    }
}
