using System.Net;
using Azure;
using FhirTrials.Api.Data;
using FhirTrials.Api.Tests.Support;
using FhirTrials.TestSupport;
using Hl7.Fhir.Model;
using Microsoft.Extensions.DependencyInjection;

namespace FhirTrials.Api.Tests.Http;

public sealed class StorageFailureTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Theory]
    [InlineData("ResearchStudy/s1")]
    [InlineData("ResearchStudy?title=x")]
    [InlineData("ResearchStudy/s1/_history")]
    public async System.Threading.Tasks.Task Storage_failures_are_503_OperationOutcomes_with_Retry_After(string path)
    {
        using var server = new KestrelServerFactory(azurite, services: s => s.AddSingleton<IFhirStore>(new FailingStore()));
        using var http = new HttpClient();

        using var response = await http.GetAsync(new Uri(server.FhirBase, path));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        var outcome = await FhirAssert.ReadStrictAsync<OperationOutcome>(response);
        Assert.Equal(OperationOutcome.IssueType.Transient, outcome.Issue[0].Code);
    }

    [Fact]
    public async System.Threading.Tasks.Task Metadata_does_not_need_storage()
    {
        using var server = new KestrelServerFactory(azurite, services: s => s.AddSingleton<IFhirStore>(new FailingStore()));
        using var http = new HttpClient();

        using var response = await http.GetAsync(new Uri(server.FhirBase, "metadata"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private sealed class FailingStore : IFhirStore
    {
        public Task<StoredVersion?> ReadAsync(string resourceType, string id, CancellationToken cancellationToken) => throw Down();

        public Task<StoredVersion?> ReadVersionAsync(string resourceType, string id, string versionId, CancellationToken cancellationToken) => throw Down();

        public IAsyncEnumerable<StoredVersion> HistoryAsync(string resourceType, string id, CancellationToken cancellationToken) => throw Down();

        public IAsyncEnumerable<IndexMatch> ExactAsync(string resourceType, string parameter, string key, CancellationToken cancellationToken) => throw Down();

        public IAsyncEnumerable<IndexMatch> PrefixAsync(string resourceType, string parameter, string keyPrefix, CancellationToken cancellationToken) => throw Down();

        public IAsyncEnumerable<IndexMatch> RangeAsync(string resourceType, string parameter, string? fromKeyInclusive, string? toKeyExclusive, CancellationToken cancellationToken) => throw Down();

        public IAsyncEnumerable<IndexMatch> ScanAsync(string resourceType, string parameter, CancellationToken cancellationToken) => throw Down();

        public IAsyncEnumerable<string> AllIdsAsync(string resourceType, CancellationToken cancellationToken) => throw Down();

        private static RequestFailedException Down() => new(503, "The server is busy.");
    }
}
