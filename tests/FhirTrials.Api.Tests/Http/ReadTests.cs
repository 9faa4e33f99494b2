using System.Net;
using FhirTrials.Api.Tests.Support;
using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;

namespace FhirTrials.Api.Tests.Http;

/// <remarks>Reads the shared <see cref="TrialData"/> of the host; nothing here changes it.</remarks>
public abstract class ReadTests(IApiServer server)
{
    private readonly IApiServer _server = server;

    [Fact]
    public async System.Threading.Tasks.Task Read_returns_the_current_version_with_ETag_and_Last_Modified()
    {
        using var client = new FhirClient(_server.FhirBase);

        var study = await client.ReadAsync<ResearchStudy>("ResearchStudy/s1");

        Assert.Equal("Stromal Vascular Fraction in Inclusion Body Myositis", study!.Title);
        Assert.Equal("1", study.Meta!.VersionId);
        using var http = new HttpClient();
        using var response = await http.GetAsync(new Uri(_server.FhirBase, "ResearchStudy/s1"));
        Assert.Equal("W/\"1\"", response.Headers.ETag?.ToString());
        Assert.NotNull(response.Content.Headers.LastModified);
        await FhirAssert.ReadStrictAsync<ResearchStudy>(response);
    }

    [Fact]
    public async System.Threading.Tasks.Task Conditional_reads_answer_304_with_an_empty_body()
    {
        using var http = new HttpClient();
        var url = new Uri(_server.FhirBase, "ResearchStudy/s1");
        using var first = await http.GetAsync(url);

        using var byTag = new HttpRequestMessage(HttpMethod.Get, url);
        byTag.Headers.TryAddWithoutValidation("If-None-Match", "W/\"1\"");
        using var notModified = await http.SendAsync(byTag);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());

        using var bySince = new HttpRequestMessage(HttpMethod.Get, url);
        bySince.Headers.IfModifiedSince = first.Content.Headers.LastModified;
        using var notModifiedSince = await http.SendAsync(bySince);
        Assert.Equal(HttpStatusCode.NotModified, notModifiedSince.StatusCode);

        using var older = new HttpRequestMessage(HttpMethod.Get, url);
        older.Headers.IfModifiedSince = first.Content.Headers.LastModified!.Value.AddSeconds(-1);
        using var modified = await http.SendAsync(older);
        Assert.Equal(HttpStatusCode.OK, modified.StatusCode);

        using var client = new FhirClient(_server.FhirBase);
        var unchanged = await Assert.ThrowsAsync<FhirOperationException>(() => client.ReadAsync<ResearchStudy>("ResearchStudy/s1", ifNoneMatch: "W/\"1\""));
        Assert.Equal(HttpStatusCode.NotModified, unchanged.Status);
        Assert.NotNull(await client.ReadAsync<ResearchStudy>("ResearchStudy/s1", ifNoneMatch: "W/\"0\""));
    }

    [Fact]
    public async System.Threading.Tasks.Task A_plain_JSON_read_sends_the_stored_JSON_and_a_filtered_read_still_filters()
    {
        var stored = await _server.ResourceStore().ReadAsync("ResearchStudy", "s1");
        using var http = new HttpClient();

        using var plain = await http.GetAsync(new Uri(_server.FhirBase, "ResearchStudy/s1"));
        using var vread = await http.GetAsync(new Uri(_server.FhirBase, "ResearchStudy/s1/_history/1"));
        using var summary = await http.GetAsync(new Uri(_server.FhirBase, "ResearchStudy/s1?_summary=true"));
        using var pretty = await http.GetAsync(new Uri(_server.FhirBase, "ResearchStudy/s1?_pretty=true"));

        Assert.Equal(stored!.Json, await plain.Content.ReadAsStringAsync());
        Assert.Equal(stored.Json, await vread.Content.ReadAsStringAsync());
        Assert.Equal("application/fhir+json", plain.Content.Headers.ContentType?.MediaType);
        Assert.Equal("W/\"1\"", vread.Headers.ETag?.ToString());
        var summarised = await FhirAssert.ReadStrictAsync<ResearchStudy>(summary);
        Assert.Contains(summarised.Meta!.Tag, t => t.Code == "SUBSETTED");
        Assert.Contains("\n", await pretty.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("\n", stored.Json, StringComparison.Ordinal);
    }

    [Fact]
    public async System.Threading.Tasks.Task A_new_version_keeps_the_old_one_readable_by_vread_and_history()
    {
        // A resource of its own (a Practitioner no search of the shared data names), so the seeded data stays as it is.
        var id = "pr-" + Guid.NewGuid().ToString("N")[..12];
        await _server.SeedAsync([new Practitioner { Id = id, Name = [new HumanName { Family = "Lindqvist" }] }]);
        await _server.SeedAsync([new Practitioner { Id = id, Name = [new HumanName { Family = "Lindqvist-Berg" }] }]);
        using var client = new FhirClient(_server.FhirBase);

        var current = await client.ReadAsync<Practitioner>($"Practitioner/{id}");
        var first = await client.ReadAsync<Practitioner>($"Practitioner/{id}/_history/1");
        var history = await client.HistoryAsync($"Practitioner/{id}");

        Assert.Equal(("2", "Lindqvist-Berg"), (current!.Meta!.VersionId, current.Name[0].Family));
        Assert.Equal(("1", "Lindqvist"), (first!.Meta!.VersionId, first.Name[0].Family));
        Assert.Equal(["2", "1"], history!.Entry.Select(e => e.Resource!.Meta!.VersionId));
        Assert.Equal(Bundle.BundleType.History, history.Type);
    }

    [Theory]
    [InlineData("ResearchStudy/nope", HttpStatusCode.NotFound)]
    [InlineData("ResearchStudy/s1/_history/9", HttpStatusCode.NotFound)]
    [InlineData("ResearchStudy/s1/_history/x", HttpStatusCode.NotFound)]
    [InlineData("Patient/s1", HttpStatusCode.NotFound)]
    [InlineData("ResearchStudy/bad%20id", HttpStatusCode.NotFound)]
    [InlineData("ResearchStudy/nope/_history", HttpStatusCode.NotFound)]
    [InlineData("", HttpStatusCode.NotFound)]
    [InlineData("ResearchStudy/s1/_history/1/extra", HttpStatusCode.NotFound)]
    [InlineData("SearchParameter", HttpStatusCode.NotFound)]
    [InlineData("SearchParameter/other", HttpStatusCode.NotFound)]
    public async System.Threading.Tasks.Task Unknown_things_are_404_OperationOutcomes(string path, HttpStatusCode expected)
    {
        using var http = new HttpClient();

        using var response = await http.GetAsync(new Uri(_server.FhirBase, path));

        Assert.Equal(expected, response.StatusCode);
        var outcome = await FhirAssert.ReadStrictAsync<OperationOutcome>(response);
        Assert.Equal(OperationOutcome.IssueType.NotFound, outcome.Issue[0].Code);
    }

    [Fact]
    public async System.Threading.Tasks.Task Writes_are_405_on_a_read_only_server()
    {
        using var http = new HttpClient();
        using var content = new StringContent("{\"resourceType\":\"ResearchStudy\"}");

        using var response = await http.PutAsync(new Uri(_server.FhirBase, "ResearchStudy/s1"), content);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        await FhirAssert.ReadStrictAsync<OperationOutcome>(response);
    }
}

/// <summary>ReadTests against the Server host (ASP.NET Core on Kestrel).</summary>
public sealed class ReadTestsOnServerHost(SeededServer seeded) : ReadTests(seeded.Server), IClassFixture<SeededServer>;

/// <summary>ReadTests against the Functions app, through the test host.</summary>
public sealed class ReadTestsOnFunctionsHost(SeededFunctionsApp seeded) : ReadTests(seeded.Server), IClassFixture<SeededFunctionsApp>;
