using System.Net;
using FhirTrials.Api.Tests.Support;
using FhirTrials.TestSupport;
using Hl7.Fhir.Model;

namespace FhirTrials.Api.Tests.Http;

/// <summary>
/// <see cref="StorageFailureTests"/> on the Functions app. Its store cannot be replaced from here (the app is a process
/// of its own), so storage fails for real: the history and index tables are deleted under the running app.
/// </summary>
public sealed class StorageFailureTestsOnFunctionsHost(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async System.Threading.Tasks.Task Storage_failures_are_503_OperationOutcomes_with_Retry_After_and_metadata_does_not_need_storage()
    {
        await using var server = await FunctionsServer.StartAsync(azurite);
        await server.SeedAsync(TrialData.Resources());
        var storage = server.Storage();
        await storage.Index.DeleteAsync();
        await storage.History.DeleteAsync();
        using var http = new HttpClient();

        foreach (var path in new[] { "ResearchStudy?title=x", "ResearchStudy/s1/_history" })
        {
            using var response = await http.GetAsync(new Uri(server.FhirBase, path));

            Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{path}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            Assert.NotNull(response.Headers.RetryAfter);
            var outcome = await FhirAssert.ReadStrictAsync<OperationOutcome>(response);
            Assert.Equal(OperationOutcome.IssueType.Transient, outcome.Issue[0].Code);
        }

        using var metadata = await http.GetAsync(new Uri(server.FhirBase, "metadata"));
        Assert.Equal(HttpStatusCode.OK, metadata.StatusCode);
    }
}
