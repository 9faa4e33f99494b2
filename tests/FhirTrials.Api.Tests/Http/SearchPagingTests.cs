using System.Net;
using FhirTrials.Api.Tests.Support;
using FhirTrials.TestSupport;
using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;

namespace FhirTrials.Api.Tests.Http;

/// <remarks>Every test starts a host of its own: each needs a store holding only its data, or settings of its own.</remarks>
public abstract class SearchPagingTests
{
    /// <param name="settings">Further host settings by name (e.g. PublicBaseUrl).</param>
    protected abstract System.Threading.Tasks.Task<IApiServer> StartServerAsync(IReadOnlyDictionary<string, string>? settings = null);

    [Fact]
    public async System.Threading.Tasks.Task Paging_through_250_studies_at_count_7_returns_each_exactly_once()
    {
        await using var server = await StartServerAsync();
        var ids = Enumerable.Range(0, 250).Select(i => $"study-{i:D3}").ToList();
        await server.SeedAsync(ids.Select(id => new ResearchStudy
        {
            Id = id,
            Status = ResearchStudy.ResearchStudyStatus.Active,
            Title = "Trial " + id,
        }));
        using var client = new FhirClient(server.FhirBase);

        var seen = new List<string>();
        var pages = 0;
        var bundle = await client.SearchAsync<ResearchStudy>(new SearchParams().Where("status=active").LimitTo(7));
        while (bundle is not null)
        {
            pages++;
            Assert.Equal(250, bundle.Total);
            Assert.True(bundle.Entry.Count <= 7);
            seen.AddRange(bundle.Entry.Select(e => e.Resource!.Id!));
            bundle = await client.ContinueAsync(bundle);
        }

        Assert.Equal(36, pages);
        Assert.Equal(ids, seen);

        // Over 200 matches the sort keys come from the sort parameter's index partition.
        var sorted = new List<string>();
        bundle = await client.SearchAsync<ResearchStudy>(new SearchParams().OrderBy("title", SortOrder.Descending).LimitTo(50));
        while (bundle is not null)
        {
            sorted.AddRange(bundle.Entry.Select(e => e.Resource!.Id!));
            bundle = await client.ContinueAsync(bundle);
        }

        Assert.Equal(Enumerable.Reverse(ids), sorted);
    }

    [Fact]
    public async System.Threading.Tasks.Task Sorted_paging_by_descending_title_keeps_the_order_across_pages()
    {
        await using var server = await StartServerAsync();
        await server.SeedAsync(TrialData.Resources());
        using var client = new FhirClient(server.FhirBase);

        var seen = new List<string>();
        var bundle = await client.SearchAsync<ResearchStudy>(new SearchParams().OrderBy("title", SortOrder.Descending).LimitTo(2));
        while (bundle is not null)
        {
            seen.AddRange(bundle.Entry.Select(e => e.Resource!.Id!));
            bundle = await client.ContinueAsync(bundle);
        }

        Assert.Equal(["s4", "s1", "s2", "s3", "s5"], seen);
    }

    [Fact]
    public async System.Threading.Tasks.Task Forged_altered_or_foreign_continuation_tokens_are_400_OperationOutcomes()
    {
        await using var server = await StartServerAsync();
        await server.SeedAsync(TrialData.Resources());
        using var client = new FhirClient(server.FhirBase);
        var first = await client.SearchAsync<ResearchStudy>(new SearchParams().LimitTo(2));
        var next = first!.NextLink!.ToString();
        var token = Uri.UnescapeDataString(next[(next.IndexOf("_token=", StringComparison.Ordinal) + 7)..]);
        var altered = token[..^2] + (token[^2] == 'A' ? "B" : "A") + token[^1];
        using var http = new HttpClient();

        foreach (var url in new[]
        {
            $"ResearchStudy?_count=2&_token={Uri.EscapeDataString(altered)}",
            "ResearchStudy?_count=2&_token=forged",
            "ResearchStudy?_count=2&_token=%00%27%20or%201%20eq%201",
            $"ResearchStudy?_count=3&_token={Uri.EscapeDataString(token)}",
            $"ResearchStudy?_count=2&status=active&_token={Uri.EscapeDataString(token)}",
            $"ResearchStudy?_count=2&_token={new string('A', 3_000)}",
        })
        {
            using var response = await http.GetAsync(new Uri(server.FhirBase, url));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var outcome = await FhirAssert.ReadStrictAsync<OperationOutcome>(response);
            Assert.Contains("continuation token", outcome.Issue[0].Diagnostics, StringComparison.Ordinal);
        }

        using var valid = await http.GetAsync(next);
        Assert.Equal(HttpStatusCode.OK, valid.StatusCode);
    }

    [Fact]
    public async System.Threading.Tasks.Task Links_and_fullUrls_use_the_configured_public_base()
    {
        await using var server = await StartServerAsync(new Dictionary<string, string> { ["PublicBaseUrl"] = "https://trials.example.org/api/fhir" });
        await server.SeedAsync(TrialData.Resources());
        using var http = new HttpClient();

        using var response = await http.GetAsync(new Uri(server.FhirBase, "ResearchStudy?_count=1&status=active"));
        var bundle = await FhirAssert.ReadStrictAsync<Bundle>(response);

        Assert.Equal("https://trials.example.org/api/fhir/ResearchStudy/s1", bundle.Entry[0].FullUrl);
        Assert.StartsWith("https://trials.example.org/api/fhir/ResearchStudy?", bundle.SelfLink!.ToString(), StringComparison.Ordinal);
        Assert.StartsWith("https://trials.example.org/api/fhir/ResearchStudy?", bundle.NextLink!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async System.Threading.Tasks.Task Without_a_public_base_links_follow_the_request()
    {
        await using var server = await StartServerAsync();
        await server.SeedAsync(TrialData.Resources());
        using var client = new FhirClient(server.FhirBase);

        var bundle = await client.SearchAsync<ResearchStudy>(new SearchParams().LimitTo(1));

        Assert.Equal(new Uri(server.FhirBase, "ResearchStudy/s1").AbsoluteUri, bundle!.Entry[0].FullUrl);
        Assert.StartsWith(server.FhirBase.AbsoluteUri, bundle.NextLink!.ToString(), StringComparison.Ordinal);
    }
}

/// <summary>SearchPagingTests against the Server host (ASP.NET Core on Kestrel).</summary>
public sealed class SearchPagingTestsOnServerHost(AzuriteFixture azurite) : SearchPagingTests, IClassFixture<AzuriteFixture>
{
    protected override System.Threading.Tasks.Task<IApiServer> StartServerAsync(IReadOnlyDictionary<string, string>? settings = null) =>
        System.Threading.Tasks.Task.FromResult<IApiServer>(new KestrelServerFactory(azurite, settings));
}

/// <summary>SearchPagingTests against the Functions app, through the test host (one worker per test).</summary>
public sealed class SearchPagingTestsOnFunctionsHost(AzuriteFixture azurite) : SearchPagingTests, IClassFixture<AzuriteFixture>
{
    protected override async System.Threading.Tasks.Task<IApiServer> StartServerAsync(IReadOnlyDictionary<string, string>? settings = null) =>
        await FunctionsServer.StartAsync(azurite, settings);
}
