using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using FhirTrials.Api.Tests.Support;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Task = System.Threading.Tasks.Task;

namespace FhirTrials.Api.Tests.Auth;

/// <summary>
/// The operations in bearer mode. Bulk export is an EHR's read of many types, so the kick-off needs a read scope for
/// every type it exports, and the job's status, files and cancel a token that could have started it; <c>$match</c>
/// leaves out the <c>_include</c> targets the token may not read, as search does.
/// </summary>
public abstract class OperationAuthorizationTests(IApiServer server, TestIssuer issuer)
{
    [Fact]
    public async Task A_system_export_without_a_read_scope_for_every_type_is_403_naming_the_types()
    {
        using var http = Client(issuer.Token("system/ResearchStudy.rs"));

        using var response = await KickOffAsync(http, "$export");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var outcome = new FhirJsonDeserializer().Deserialize<OperationOutcome>(await response.Content.ReadAsStringAsync());
        Assert.Contains("PlanDefinition", outcome.Issue[0].Diagnostics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_export_of_the_scoped_type_is_accepted_and_its_status_refused_to_a_token_of_another_type()
    {
        using var studies = Client(issuer.Token("system/ResearchStudy.rs"));
        using var kickOff = await KickOffAsync(studies, "$export?_type=ResearchStudy");
        Assert.Equal(HttpStatusCode.Accepted, kickOff.StatusCode);
        var status = kickOff.Content.Headers.ContentLocation!;

        using var locations = Client(issuer.Token("system/Location.rs"));
        using var refused = await locations.GetAsync(status);
        using var anonymous = new HttpClient();
        using var unauthenticated = await anonymous.GetAsync(status);
        var answer = await PollAsync(studies, status);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.StatusCode);
        using var manifest = JsonDocument.Parse(answer);
        Assert.True(manifest.RootElement.GetProperty("requiresAccessToken").GetBoolean());
    }

    [Fact]
    public async Task A_match_leaves_out_includes_of_a_type_outside_the_scopes_with_a_warning()
    {
        using var http = Client(issuer.Token("system/ResearchStudy.rs"));

        using var response = await http.GetAsync(new Uri(server.FhirBase, "ResearchStudy/$match?age=40&_include=ResearchStudy:protocol"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bundle = new FhirJsonDeserializer().Deserialize<Bundle>(await response.Content.ReadAsStringAsync());
        Assert.DoesNotContain(bundle.Entry, e => e.Resource is PlanDefinition);
        var warnings = bundle.Entry.Select(e => e.Resource).OfType<OperationOutcome>().SelectMany(o => o.Issue).Select(i => i.Diagnostics);
        Assert.Contains(warnings, w => w?.Contains("PlanDefinition left out", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task The_match_operation_definition_is_read_with_any_valid_token()
    {
        using var http = Client(issuer.Token("system/ResearchStudy.rs"));

        using var response = await http.GetAsync(new Uri(server.FhirBase, "OperationDefinition/ResearchStudy-match"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>Runs the export's work items where the host does not run them itself.</summary>
    protected virtual Task DeliverWorkAsync() => Task.CompletedTask;

    private async Task<string> PollAsync(HttpClient http, Uri status)
    {
        // An export takes about a second here, but a storage request the emulator leaves unanswered under a loaded CI
        // machine is retried by the SDK only after its 100-second network timeout (seen once: 66 s and still running).
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        while (DateTime.UtcNow < deadline)
        {
            await DeliverWorkAsync();
            using var response = await http.GetAsync(status);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return await response.Content.ReadAsStringAsync();
            }

            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            await Task.Delay(200);
        }

        throw new TimeoutException("The export did not complete within three minutes.");
    }

    private Task<HttpResponseMessage> KickOffAsync(HttpClient http, string relative)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(server.FhirBase, relative));
        request.Headers.Add("Prefer", "respond-async");
        request.Headers.Accept.ParseAdd("application/fhir+json");
        return http.SendAsync(request);
    }

    private static HttpClient Client(string token)
    {
        var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }
}

/// <summary>OperationAuthorizationTests against the Server host (ASP.NET Core on Kestrel).</summary>
public sealed class OperationAuthorizationTestsOnServerHost(AuthorizedServer host) : OperationAuthorizationTests(host.Server, host.Issuer), IClassFixture<AuthorizedServer>;

/// <summary>OperationAuthorizationTests against the Functions app, through the test host.</summary>
public sealed class OperationAuthorizationTestsOnFunctionsHost(AuthorizedFunctionsApp host) : OperationAuthorizationTests(host.Server, host.Issuer), IClassFixture<AuthorizedFunctionsApp>
{
    protected override Task DeliverWorkAsync() => ((FunctionsServer)host.Server).DeliverQueuedWorkAsync();
}
