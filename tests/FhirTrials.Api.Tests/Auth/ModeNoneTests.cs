using System.Net;
using FhirTrials.Api.Tests.Support;
using Hl7.Fhir.Rest;

namespace FhirTrials.Api.Tests.Auth;

/// <summary>Mode none (development storage, no auth setting): open, and it claims no security it does not enforce.</summary>
public abstract class ModeNoneTests(IApiServer server)
{
    [Fact]
    public async System.Threading.Tasks.Task The_capability_statement_declares_no_security_and_there_is_no_smart_configuration()
    {
        using var client = new FhirClient(server.FhirBase);
        using var http = new HttpClient();

        var capabilities = await client.CapabilityStatementAsync();
        using var smart = await http.GetAsync(new Uri(server.FhirBase, ".well-known/smart-configuration"));

        Assert.Null(capabilities!.Rest[0].Security);
        Assert.Equal(HttpStatusCode.NotFound, smart.StatusCode);
        Assert.Contains("AuthMode none", await smart.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async System.Threading.Tasks.Task The_ingestion_log_needs_no_token()
    {
        using var http = new HttpClient();

        using var response = await http.GetAsync(new Uri(server.BaseAddress, "/api/ingestions?_count=1"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}

/// <summary>ModeNoneTests against the Server host (ASP.NET Core on Kestrel).</summary>
public sealed class ModeNoneTestsOnServerHost(SeededServer seeded) : ModeNoneTests(seeded.Server), IClassFixture<SeededServer>;

/// <summary>ModeNoneTests against the Functions app, through the test host.</summary>
public sealed class ModeNoneTestsOnFunctionsHost(SeededFunctionsApp seeded) : ModeNoneTests(seeded.Server), IClassFixture<SeededFunctionsApp>;
