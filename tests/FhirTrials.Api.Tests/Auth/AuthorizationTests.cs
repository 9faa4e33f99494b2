using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using FhirTrials.Api.Auth;
using FhirTrials.Api.Tests.Support;
using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;
using Hl7.Fhir.Serialization;
using Task = System.Threading.Tasks.Task;

namespace FhirTrials.Api.Tests.Auth;

/// <summary>
/// Bearer mode (issue 19) over real HTTP: tokens from a local OpenID Connect issuer, found by the host through its
/// discovery document and JWKS, the same on both hosts.
/// </summary>
public abstract class AuthorizationTests(IApiServer server, TestIssuer issuer)
{
    [Fact]
    public async Task A_request_without_a_token_is_401_with_a_bearer_challenge()
    {
        using var http = new HttpClient();

        using var response = await http.GetAsync(new Uri(server.FhirBase, "ResearchStudy/s1"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
        var outcome = await OutcomeAsync(response);
        Assert.Equal(OperationOutcome.IssueType.Login, outcome.Issue[0].Code);
    }

    [Theory]
    [InlineData("expired")]
    [InlineData("wrong audience")]
    [InlineData("wrong issuer")]
    [InlineData("alg none")]
    [InlineData("tampered signature")]
    public async Task A_token_that_fails_validation_is_401_invalid_token(string flaw)
    {
        const string Scopes = "system/ResearchStudy.rs";
        var token = flaw switch
        {
            "expired" => issuer.Token(Scopes, expires: DateTime.UtcNow.AddMinutes(-5)),
            "wrong audience" => issuer.Token(Scopes, audience: "api://some-other-api"),
            "wrong issuer" => issuer.Token(Scopes, issuer: "https://issuer.example.org"),
            "alg none" => issuer.UnsignedToken(Scopes),
            "tampered signature" => issuer.TamperedToken(Scopes),
            _ => throw new ArgumentOutOfRangeException(nameof(flaw)),
        };
        using var http = Client(token);

        using var response = await http.GetAsync(new Uri(server.FhirBase, "ResearchStudy/s1"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("Bearer", challenge.Scheme);
        Assert.Contains("error=\"invalid_token\"", challenge.Parameter, StringComparison.Ordinal);
        Assert.Contains("The bearer token was refused", (await OutcomeAsync(response)).Issue[0].Diagnostics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_valid_token_reads_the_type_its_scope_names()
    {
        using var client = FhirClient(issuer.Token("system/ResearchStudy.rs"));

        var study = await client.ReadAsync<ResearchStudy>("ResearchStudy/s1");

        Assert.Equal("s1", study!.Id);
    }

    [Fact]
    public async Task A_v1_wildcard_read_scope_reads_any_type()
    {
        using var client = FhirClient(issuer.Token("system/*.read"));

        var plan = await client.ReadAsync<PlanDefinition>("PlanDefinition/s1");

        Assert.Equal("s1", plan!.Id);
    }

    [Fact]
    public async Task A_valid_token_without_a_scope_for_the_type_is_403_naming_the_scope()
    {
        using var http = Client(issuer.Token("system/PlanDefinition.rs"));

        using var response = await http.GetAsync(new Uri(server.FhirBase, "ResearchStudy?status=active"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var issue = Assert.Single((await OutcomeAsync(response)).Issue);
        Assert.Equal(OperationOutcome.IssueType.Forbidden, issue.Code);
        Assert.Contains("system/ResearchStudy.s", issue.Diagnostics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_search_only_scope_does_not_read_by_id()
    {
        using var http = Client(issuer.Token("system/ResearchStudy.s"));

        using var search = await http.GetAsync(new Uri(server.FhirBase, "ResearchStudy?_id=s1"));
        using var read = await http.GetAsync(new Uri(server.FhirBase, "ResearchStudy/s1"));

        Assert.Equal(HttpStatusCode.OK, search.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
    }

    [Fact]
    public async Task An_include_of_a_type_outside_the_scopes_is_left_out_with_a_warning()
    {
        using var client = FhirClient(issuer.Token("system/ResearchStudy.rs"));

        var bundle = await client.SearchAsync("ResearchStudy", ["_id=s1,s2"], includes: ["ResearchStudy:protocol"]);

        var matches = bundle!.Entry.Where(e => e.Search?.Mode == Bundle.SearchEntryMode.Match).Select(e => e.Resource!.Id).Order().ToList();
        Assert.Equal(["s1", "s2"], matches);
        Assert.DoesNotContain(bundle.Entry, e => e.Resource is PlanDefinition);
        var warning = Assert.Single(bundle.Entry.Select(e => e.Resource).OfType<OperationOutcome>().SelectMany(o => o.Issue));
        Assert.Equal(OperationOutcome.IssueSeverity.Warning, warning.Severity);
        Assert.Contains("PlanDefinition left out", warning.Diagnostics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_include_within_the_scopes_is_returned()
    {
        using var client = FhirClient(issuer.Token("system/ResearchStudy.rs system/PlanDefinition.r"));

        var bundle = await client.SearchAsync("ResearchStudy", ["_id=s1,s2"], includes: ["ResearchStudy:protocol"]);

        Assert.Equal(["s1", "s2"], bundle!.Entry.Select(e => e.Resource).OfType<PlanDefinition>().Select(p => p.Id).Order());
        Assert.DoesNotContain(bundle.Entry, e => e.Resource is OperationOutcome);
    }

    [Fact]
    public async Task A_revinclude_of_a_type_outside_the_scopes_is_left_out_with_a_warning()
    {
        using var client = FhirClient(issuer.Token("system/ResearchStudy.rs"));

        var bundle = await client.SearchAsync("ResearchStudy", ["_id=s1"], revIncludes: ["Provenance:target"]);

        Assert.DoesNotContain(bundle!.Entry, e => e.Resource is Provenance);
        Assert.Contains(bundle.Entry.Select(e => e.Resource).OfType<OperationOutcome>().SelectMany(o => o.Issue),
            i => i.Diagnostics?.Contains("Provenance left out", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task An_ops_role_token_reads_the_ingestion_log()
    {
        using var http = Client(issuer.Token(roles: [TestIssuer.OpsRole]));

        using var page = await http.GetFromJsonAsync<JsonDocument>(new Uri(server.BaseAddress, "/api/ingestions?_count=5"));

        Assert.Equal(JsonValueKind.Array, page!.RootElement.GetProperty("entries").ValueKind);
    }

    [Fact]
    public async Task An_ehr_token_without_the_ops_role_gets_403_from_the_ingestion_log()
    {
        using var http = Client(issuer.Token("system/*.rs"));

        using var response = await http.GetAsync(new Uri(server.BaseAddress, "/api/ingestions"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains(TestIssuer.OpsRole, (await OutcomeAsync(response)).Issue[0].Diagnostics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_ingestion_log_without_a_token_is_401()
    {
        using var http = new HttpClient();

        using var response = await http.GetAsync(new Uri(server.BaseAddress, "/api/ingestions"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
    }

    [Fact]
    public async Task The_capability_statement_is_served_without_a_token_and_declares_smart_security()
    {
        using var client = new FhirClient(server.FhirBase);

        var capabilities = await client.CapabilityStatementAsync();

        var security = Assert.IsType<CapabilityStatement.SecurityComponent>(capabilities!.Rest[0].Security);
        Assert.Contains(security.Service.SelectMany(s => s.Coding), c => c.System == SmartSecurity.ServiceSystem && c.Code == SmartSecurity.SmartOnFhir);
        var token = security.GetExtension(SmartSecurity.OAuthUrisExtension)?.GetExtension("token")?.Value;
        Assert.Equal(issuer.TokenEndpoint.AbsoluteUri, Assert.IsType<FhirUri>(token).Value);
    }

    [Fact]
    public async Task The_smart_configuration_is_served_without_a_token()
    {
        using var http = new HttpClient();

        using var document = await http.GetFromJsonAsync<JsonDocument>(new Uri(server.FhirBase, ".well-known/smart-configuration"));

        Assert.Equal(issuer.TokenEndpoint.AbsoluteUri, document!.RootElement.GetProperty("token_endpoint").GetString());
        Assert.Contains("client_credentials", document.RootElement.GetProperty("grant_types_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("permission-v2", document.RootElement.GetProperty("capabilities").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task The_health_probe_needs_no_token_and_names_no_storage()
    {
        using var http = new HttpClient();

        using var response = await http.GetAsync(new Uri(server.BaseAddress, "/api/health"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("{\"status\":\"healthy\"}", await response.Content.ReadAsStringAsync());
    }

    private static HttpClient Client(string token)
    {
        var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    private FhirClient FhirClient(string token)
    {
        var client = new FhirClient(server.FhirBase);
        client.RequestHeaders!.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task<OperationOutcome> OutcomeAsync(HttpResponseMessage response) =>
        new FhirJsonDeserializer().Deserialize<OperationOutcome>(await response.Content.ReadAsStringAsync());
}

/// <summary>AuthorizationTests against the Server host (ASP.NET Core on Kestrel).</summary>
public sealed class AuthorizationTestsOnServerHost(AuthorizedServer host) : AuthorizationTests(host.Server, host.Issuer), IClassFixture<AuthorizedServer>;

/// <summary>AuthorizationTests against the Functions app, through the test host.</summary>
public sealed class AuthorizationTestsOnFunctionsHost(AuthorizedFunctionsApp host) : AuthorizationTests(host.Server, host.Issuer), IClassFixture<AuthorizedFunctionsApp>;
