using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using FhirTrials.Api.Tests.Support;
using FhirTrials.TestSupport;
using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;
using Hl7.Fhir.Serialization;

namespace FhirTrials.Api.Tests.Export;

/// <remarks>Every test starts a host of its own: exports and changes need a store holding only the test's data.</remarks>
public abstract class ExportHttpTests
{
    private static readonly FhirJsonDeserializer Strict = new(new DeserializerSettings().UsingMode(DeserializationMode.Strict, null));

    /// <param name="processQueue">Whether the host works its queue by itself (false: nothing runs until <see cref="DeliverWorkAsync"/>).</param>
    protected abstract System.Threading.Tasks.Task<IApiServer> StartServerAsync(bool processQueue = true);

    /// <summary>Lets the host's queue consumer run what is queued (the Functions test host has no queue listener of its own).</summary>
    protected abstract System.Threading.Tasks.Task DeliverWorkAsync(IApiServer server);

    [Fact]
    public async System.Threading.Tasks.Task A_system_export_polled_to_completion_gives_every_stored_resource_once_as_valid_NDJSON_of_its_type_and_type_narrows_it()
    {
        await using var server = await StartServerAsync();
        var seeded = TrialData.Resources();
        await server.SeedAsync(seeded);
        using var http = new HttpClient();

        var kickoff = new Uri(server.FhirBase, "$export?_outputFormat=application%2Ffhir%2Bndjson");
        var manifest = await ExportAsync(server, http, kickoff);

        Assert.Equal(kickoff.AbsoluteUri, manifest.GetProperty("request").GetString());
        Assert.False(manifest.GetProperty("requiresAccessToken").GetBoolean());
        Assert.True(DateTimeOffset.TryParse(manifest.GetProperty("transactionTime").GetString(), out _));
        Assert.Equal(0, manifest.GetProperty("error").GetArrayLength());
        var exported = await DownloadAsync(http, manifest);
        var expected = seeded.GroupBy(r => r.TypeName).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(expected.OrderBy(e => e.Key), exported.GroupBy(r => r.TypeName).ToDictionary(g => g.Key, g => g.Count()).OrderBy(e => e.Key));
        Assert.Equal(seeded.Count, exported.Select(r => r.TypeName + "/" + r.Id).Distinct().Count());
        Assert.Equal("Stromal Vascular Fraction in Inclusion Body Myositis", exported.OfType<ResearchStudy>().Single(s => s.Id == "s1").Title);

        var narrowed = await ExportAsync(server, http, new Uri(server.FhirBase, "$export?_type=Organization,PlanDefinition"));
        var narrowedResources = await DownloadAsync(http, narrowed);
        Assert.Equal(["Organization", "PlanDefinition"], narrowedResources.Select(r => r.TypeName).Distinct().Order());
        Assert.Equal(expected["Organization"] + expected["PlanDefinition"], narrowedResources.Count);
    }

    [Fact]
    public async System.Threading.Tasks.Task An_export_since_the_first_one_holds_the_trial_changed_after_it_and_not_the_unchanged_one_and_history_shows_the_change()
    {
        await using var server = await StartServerAsync();
        await server.SeedAsync(TrialData.Resources());
        using var http = new HttpClient();
        var first = await ExportAsync(server, http, new Uri(server.FhirBase, "ResearchStudy/$export"));
        Assert.Equal(5, (await DownloadAsync(http, first)).Count);
        var since = first.GetProperty("transactionTime").GetString()!;
        await System.Threading.Tasks.Task.Delay(10);
        var changed = (ResearchStudy)TrialData.Resources().Single(r => r is ResearchStudy { Id: "s2" });
        changed.Title = "Sjögren syndrome: amended";
        await server.ResourceStore().WriteAsync(changed);

        // The second export is a POST with a Parameters body, as the spec allows.
        var parameters = new Parameters();
        parameters.Add("_since", new Instant(DateTimeOffset.Parse(since, System.Globalization.CultureInfo.InvariantCulture)));
        parameters.Add("_type", new FhirString("ResearchStudy,Organization"));
        var second = await ExportAsync(server, http, new Uri(server.FhirBase, "$export"), new FhirJsonSerializer().SerializeToString(parameters));

        var resources = await DownloadAsync(http, second);
        var study = Assert.IsType<ResearchStudy>(Assert.Single(resources));
        Assert.Equal(("s2", "2", "Sjögren syndrome: amended"), (study.Id, study.Meta?.VersionId, study.Title));
        var output = Assert.Single(second.GetProperty("output").EnumerateArray());
        Assert.Equal(("ResearchStudy", 1), (output.GetProperty("type").GetString(), output.GetProperty("count").GetInt32()));

        using var client = new FhirClient(server.FhirBase);
        var sinceInstant = DateTimeOffset.Parse(since, System.Globalization.CultureInfo.InvariantCulture);
        var typeHistory = await client.TypeHistoryAsync<ResearchStudy>(sinceInstant);
        var entry = Assert.Single(typeHistory!.Entry);
        Assert.Equal(("s2", "2"), (entry.Resource!.Id, entry.Resource.Meta?.VersionId));
        var all = await client.WholeSystemHistoryAsync(pageSize: 4);
        Assert.Equal(Bundle.BundleType.History, all!.Type);
        // Newest first across types: the change, then the seeded resources from the last written.
        Assert.Equal(["ResearchStudy/s2", "Location/loc-1"], all.Entry.Take(2).Select(e => e.Resource!.TypeName + "/" + e.Resource.Id));
        var seen = all.Entry.Count;
        for (var page = await client.ContinueAsync(all); page is not null; page = await client.ContinueAsync(page))
        {
            seen += page.Entry.Count;
        }

        Assert.Equal(TrialData.Resources().Count + 1, seen);
        using var raw = await http.GetAsync(new Uri(server.FhirBase, "ResearchStudy/_history?_since=" + Uri.EscapeDataString(since)));
        Assert.IsType<Bundle>(await FhirAssert.ReadStrictAsync<Bundle>(raw));
    }

    [Fact]
    public async System.Threading.Tasks.Task A_running_export_answers_202_with_progress_and_once_cancelled_its_status_is_404()
    {
        await using var server = await StartServerAsync(processQueue: false);
        await server.SeedAsync(TrialData.Resources());
        using var http = new HttpClient();

        using var kickoff = await SendAsync(http, HttpMethod.Get, new Uri(server.FhirBase, "$export"));
        Assert.Equal(HttpStatusCode.Accepted, kickoff.StatusCode);
        var status = kickoff.Content.Headers.ContentLocation!;
        using var running = await http.GetAsync(status);
        Assert.Equal(HttpStatusCode.Accepted, running.StatusCode);
        Assert.Equal($"0 of {FhirTrials.Core.Search.SearchParameterCatalog.ResourceTypes.Count} types done, 0 resources written", running.Headers.GetValues("X-Progress").Single());
        Assert.NotNull(running.Headers.RetryAfter?.Delta);

        using var cancel = await http.DeleteAsync(status);
        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        await DeliverWorkAsync(server);
        using var gone = await http.GetAsync(status);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        await FhirAssert.ReadStrictAsync<OperationOutcome>(gone);
    }

    [Theory]
    [InlineData("$export?_outputFormat=text%2Fcsv", "_outputFormat")]
    [InlineData("$export?_since=yesterday", "_since")]
    [InlineData("$export?_since=2026-01-01", "_since")]
    [InlineData("$export?_type=Patient", "Patient")]
    [InlineData("$export?_typo=1", "_typo")]
    [InlineData("$export?_typeFilter=ResearchStudy%3Fstatus%3Dactive", "_typeFilter")]
    [InlineData("ResearchStudy/$export?_type=Organization", "Organization")]
    [InlineData("ResearchStudy/_history?_count=none", "_count")]
    public async System.Threading.Tasks.Task A_bad_export_parameter_is_a_400_OperationOutcome_naming_it(string request, string named)
    {
        await using var server = await StartServerAsync();
        using var http = new HttpClient();

        using var response = await SendAsync(http, HttpMethod.Get, new Uri(server.FhirBase, request));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var outcome = await FhirAssert.ReadStrictAsync<OperationOutcome>(response);
        Assert.Contains(named, outcome.Issue[0].Diagnostics, StringComparison.Ordinal);
    }

    [Fact]
    public async System.Threading.Tasks.Task A_kick_off_without_Prefer_respond_async_is_a_400_OperationOutcome()
    {
        await using var server = await StartServerAsync();
        using var http = new HttpClient();

        using var response = await http.GetAsync(new Uri(server.FhirBase, "$export"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("respond-async", (await FhirAssert.ReadStrictAsync<OperationOutcome>(response)).Issue[0].Diagnostics, StringComparison.Ordinal);
    }

    private static async System.Threading.Tasks.Task<HttpResponseMessage> SendAsync(HttpClient http, HttpMethod method, Uri uri, string? parameters = null)
    {
        using var request = new HttpRequestMessage(method, uri);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/fhir+json"));
        request.Headers.TryAddWithoutValidation("Prefer", "respond-async");
        if (parameters is not null)
        {
            request.Content = new StringContent(parameters, Encoding.UTF8, "application/fhir+json");
        }

        return await http.SendAsync(request);
    }

    /// <summary>Kick-off, then the status URL polled (the queue delivered between polls) until the manifest.</summary>
    private async System.Threading.Tasks.Task<JsonElement> ExportAsync(IApiServer server, HttpClient http, Uri kickoff, string? parameters = null)
    {
        using var accepted = await SendAsync(http, parameters is null ? HttpMethod.Get : HttpMethod.Post, kickoff, parameters);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var status = accepted.Content.Headers.ContentLocation ?? throw new Xunit.Sdk.XunitException("No Content-Location on the kick-off response.");
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (true)
        {
            using var poll = await http.GetAsync(status);
            if (poll.StatusCode == HttpStatusCode.OK)
            {
                Assert.Equal("application/json", poll.Content.Headers.ContentType?.MediaType);
                return JsonDocument.Parse(await poll.Content.ReadAsStringAsync()).RootElement.Clone();
            }

            Assert.Equal(HttpStatusCode.Accepted, poll.StatusCode);
            Assert.NotEmpty(poll.Headers.GetValues("X-Progress").Single());
            Assert.NotNull(poll.Headers.RetryAfter);
            Assert.True(DateTime.UtcNow < deadline, "The export did not complete within 90 s: " + poll.Headers.GetValues("X-Progress").Single());
            await DeliverWorkAsync(server);
            await System.Threading.Tasks.Task.Delay(200);
        }
    }

    /// <summary>Every file of the manifest, each line parsed strictly and checked against its entry's type and count.</summary>
    private static async System.Threading.Tasks.Task<List<Resource>> DownloadAsync(HttpClient http, JsonElement manifest)
    {
        var resources = new List<Resource>();
        foreach (var output in manifest.GetProperty("output").EnumerateArray())
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, output.GetProperty("url").GetString());
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/fhir+ndjson"));
            using var response = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/fhir+ndjson", response.Content.Headers.ContentType?.MediaType);
            var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(output.GetProperty("count").GetInt32(), lines.Length);
            foreach (var line in lines)
            {
                var resource = Strict.DeserializeResource(line);
                Assert.Equal(output.GetProperty("type").GetString(), resource.TypeName);
                resources.Add(resource);
            }
        }

        return resources;
    }
}

/// <summary>ExportHttpTests against the Server host, its in-process queue consumer running the export slices.</summary>
public sealed class ExportHttpTestsOnServerHost(AzuriteFixture azurite) : ExportHttpTests, IClassFixture<AzuriteFixture>
{
    protected override System.Threading.Tasks.Task<IApiServer> StartServerAsync(bool processQueue = true) =>
        System.Threading.Tasks.Task.FromResult<IApiServer>(new KestrelServerFactory(azurite, new Dictionary<string, string>
        {
            ["WorkQueue"] = StorageNames.Container("items"),
            ["ConsumeWorkQueue"] = processQueue ? "true" : "false",
            ["WatchIntervalSeconds"] = "0.2",
        }));

    // The consumer runs in the host's background; a host started without it runs nothing.
    protected override System.Threading.Tasks.Task DeliverWorkAsync(IApiServer server) => System.Threading.Tasks.Task.CompletedTask;
}

/// <summary>ExportHttpTests against the Functions app: the test plays the queue listener, invoking ProcessWorkItem.</summary>
public sealed class ExportHttpTestsOnFunctionsHost(AzuriteFixture azurite) : ExportHttpTests, IClassFixture<AzuriteFixture>
{
    protected override async System.Threading.Tasks.Task<IApiServer> StartServerAsync(bool processQueue = true) =>
        await FunctionsServer.StartAsync(azurite);

    protected override System.Threading.Tasks.Task DeliverWorkAsync(IApiServer server) => ((FunctionsServer)server).DeliverQueuedWorkAsync();
}
