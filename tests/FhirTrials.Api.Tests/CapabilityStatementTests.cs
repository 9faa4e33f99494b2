using FhirTrials.TestSupport;
using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;

namespace FhirTrials.Api.Tests;

public sealed class CapabilityStatementTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async System.Threading.Tasks.Task Metadata_is_a_CapabilityStatement_read_by_a_real_FHIR_client_over_HTTP()
    {
        using var server = new KestrelServerFactory(azurite);
        using var client = new FhirClient(server.FhirBase);

        var capabilities = await client.CapabilityStatementAsync();

        Assert.NotNull(capabilities);
        Assert.Equal(FHIRVersion.N4_0_1, capabilities.FhirVersion);
        Assert.Equal(CapabilityStatementKind.Instance, capabilities.Kind);
    }
}
