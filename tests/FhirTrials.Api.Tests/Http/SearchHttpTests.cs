using System.Net;
using FhirTrials.Api.Tests.Support;
using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;

namespace FhirTrials.Api.Tests.Http;

public abstract class SearchHttpTests(IApiServer server)
{
    private readonly IApiServer _server = server;

    [Theory]
    [InlineData("ResearchStudy?title=SJOGREN", "s2,s3")]
    [InlineData("ResearchStudy?title=sjögren%20syndrome", "s2")]
    [InlineData("ResearchStudy?title:exact=sjogren%20cohort%20follow-up", "s3")]
    [InlineData("ResearchStudy?title:exact=SJOGREN%20cohort%20follow-up", "")]
    [InlineData("ResearchStudy?title:contains=ETUDE", "s2")]
    [InlineData("ResearchStudy?status=active", "s1,s3,s5")]
    [InlineData("ResearchStudy?status:not=active", "s2,s4")]
    [InlineData("ResearchStudy?identifier=http://clinicaltrials.gov%7CNCT05947682", "s2")]
    [InlineData("ResearchStudy?identifier=%7CLOCAL%5C%7C7", "s5")]
    [InlineData("ResearchStudy?identifier=http://clinicaltrials.gov%7C", "s1,s2,s3,s4")]
    [InlineData("ResearchStudy?condition=D009103,D012595", "s3,s4")]
    [InlineData("ResearchStudy?condition:text=multiple", "s3")]
    [InlineData("ResearchStudy?condition:missing=true", "s5")]
    [InlineData("ResearchStudy?sponsor=org-a&status=active", "s1,s3")]
    [InlineData("ResearchStudy?date=ge2022-12-31&date=le2023-01-01", "s1,s2,s4")]
    [InlineData("ResearchStudy?date=eq2023-01-01", "s4")]
    [InlineData("ResearchStudy?date=2023-01-01T10:00:00Z", "")]
    [InlineData("ResearchStudy?date=sa2023-06-30", "s3")]
    [InlineData("ResearchStudy?date=eb2021-09-01", "")]
    [InlineData("ResearchStudy?_id=s2,s5", "s2,s5")]
    [InlineData("ResearchStudy?_lastUpdated=gt2000-01-01&_lastUpdated=lt2999", "s1,s2,s3,s4,s5")]
    [InlineData("ResearchStudy?_lastUpdated=lt2000-01-01", "")]
    [InlineData("ResearchStudy?_sort=-_lastUpdated", "s5,s4,s3,s2,s1")]
    [InlineData("ResearchStudy?_sort=date", "s1,s2,s4,s3,s5")]
    [InlineData("Organization?name=UNIVERSITE", "org-a")]
    [InlineData("Organization?name:contains=univers", "org-a,org-b")]
    [InlineData("Provenance?target=ResearchStudy/s1", "prov-s1")]
    [InlineData("PlanDefinition?url=https://fhirtrials.org/PlanDefinition/s1", "s1")]
    [InlineData("PlanDefinition?url:below=https://fhirtrials.org/", "s1,s2")]
    [InlineData("PlanDefinition?identifier=NCT05947682", "s2")]
    [InlineData("PlanDefinition?title=protocole%20de%20l'etude", "s2")]
    [InlineData("PlanDefinition?status=draft", "s2")]
    [InlineData("PlanDefinition?type=clinical-protocol", "s2")]
    [InlineData("PlanDefinition?name:exact=ProtocolS2", "s2")]
    [InlineData("PlanDefinition?version=2.1", "s2")]
    [InlineData("PlanDefinition?date=2022-01", "s2")]
    [InlineData("PlanDefinition?date:missing=true", "s1")]
    [InlineData("PlanDefinition?description:contains=sjogren", "s2")]
    [InlineData("ResearchStudy?site=Location/loc-1", "s1")]
    [InlineData("ResearchStudy?principalinvestigator=pr-1", "s1")]
    [InlineData("Practitioner?name=gomez", "pr-1")]
    [InlineData("Practitioner?family:exact=Gómez", "pr-1")]
    [InlineData("Practitioner?given=ANA", "pr-1")]
    [InlineData("Location?address-city=montreal", "loc-1")]
    [InlineData("Location?name=hopital", "loc-1")]
    [InlineData("Group?actual=false&type=person", "g-1")]
    [InlineData("Group?code:text=eligible", "g-1")]
    public async System.Threading.Tasks.Task Search_parameters_and_modifiers_select_the_expected_ids(string query, string expected)
    {
        using var http = new HttpClient();
        using var response = await http.GetAsync(new Uri(_server.FhirBase, query));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bundle = await FhirAssert.ReadStrictAsync<Bundle>(response);
        var ids = bundle.Entry.Where(e => e.Search?.Mode == Bundle.SearchEntryMode.Match).Select(e => e.Resource!.Id).ToList();
        Assert.Equal(expected.Split(',', StringSplitOptions.RemoveEmptyEntries), ids);
        Assert.Equal(ids.Count, bundle.Total);
    }

    [Fact]
    public async System.Threading.Tasks.Task POST_search_with_a_form_body_equals_GET_search()
    {
        using var client = new FhirClient(_server.FhirBase);
        var parameters = new SearchParams().Where("title=sjogren").Where("status=active");

        var get = await client.SearchAsync<ResearchStudy>(parameters);
        var post = await client.SearchUsingPostAsync<ResearchStudy>(parameters);

        Assert.Equal(["s3"], post!.Entry.Select(e => e.Resource!.Id));
        Assert.Equal(get!.Entry.Select(e => e.FullUrl), post.Entry.Select(e => e.FullUrl));
    }

    [Fact]
    public async System.Threading.Tasks.Task Includes_and_revincludes_come_back_with_search_mode_include()
    {
        using var client = new FhirClient(_server.FhirBase);
        var parameters = new SearchParams().Where("_id=s1")
            .Include("ResearchStudy:sponsor").Include("ResearchStudy:protocol").Add("_revinclude", "Provenance:target");

        var bundle = await client.SearchAsync<ResearchStudy>(parameters);

        var modes = bundle!.Entry.ToDictionary(e => e.Resource!.TypeName + "/" + e.Resource.Id, e => e.Search!.Mode);
        Assert.Equal(Bundle.SearchEntryMode.Match, modes["ResearchStudy/s1"]);
        Assert.Equal(Bundle.SearchEntryMode.Include, modes["Organization/org-a"]);
        Assert.Equal(Bundle.SearchEntryMode.Include, modes["PlanDefinition/s1"]);
        Assert.Equal(Bundle.SearchEntryMode.Include, modes["Provenance/prov-s1"]);
        Assert.Equal(4, modes.Count);
        Assert.Equal(1, bundle.Total);
    }

    [Fact]
    public async System.Threading.Tasks.Task Study_team_includes_bring_site_investigator_and_enrolment_group()
    {
        using var client = new FhirClient(_server.FhirBase);
        var parameters = new SearchParams().Where("_id=s1,s2")
            .Include("ResearchStudy:site").Include("ResearchStudy:principalinvestigator").Include("ResearchStudy:enrollment");

        var bundle = await client.SearchAsync<ResearchStudy>(parameters);

        Assert.Equal(
            ["Group/g-1", "Location/loc-1", "Practitioner/pr-1"],
            bundle!.Entry.Where(e => e.Search!.Mode == Bundle.SearchEntryMode.Include).Select(e => e.Resource!.TypeName + "/" + e.Resource.Id).Order(StringComparer.Ordinal));
        Assert.Equal(2, bundle.Entry.Count(e => e.Search!.Mode == Bundle.SearchEntryMode.Match));
    }

    [Fact]
    public async System.Threading.Tasks.Task Unknown_parameters_are_ignored_with_a_warning_or_rejected_under_strict_handling()
    {
        using var http = new HttpClient();
        var url = new Uri(_server.FhirBase, "ResearchStudy?status=completed&colour=blue");

        using var lenient = await http.GetAsync(url);
        var bundle = await FhirAssert.ReadStrictAsync<Bundle>(lenient);
        Assert.Equal(["s2"], bundle.Entry.Where(e => e.Search!.Mode == Bundle.SearchEntryMode.Match).Select(e => e.Resource!.Id));
        var outcome = Assert.IsType<OperationOutcome>(Assert.Single(bundle.Entry, e => e.Search!.Mode == Bundle.SearchEntryMode.Outcome).Resource);
        Assert.Equal(OperationOutcome.IssueSeverity.Warning, outcome.Issue[0].Severity);
        Assert.Contains("colour", outcome.Issue[0].Diagnostics, StringComparison.Ordinal);
        Assert.DoesNotContain("colour", bundle.SelfLink!.ToString(), StringComparison.Ordinal);

        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("Prefer", "handling=strict");
        using var strict = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, strict.StatusCode);
        await FhirAssert.ReadStrictAsync<OperationOutcome>(strict);
    }

    [Fact]
    public async System.Threading.Tasks.Task Count_above_the_maximum_is_clamped_with_a_warning()
    {
        using var http = new HttpClient();
        using var response = await http.GetAsync(new Uri(_server.FhirBase, "ResearchStudy?_count=500"));

        var bundle = await FhirAssert.ReadStrictAsync<Bundle>(response);
        var outcome = Assert.IsType<OperationOutcome>(bundle.Entry.Single(e => e.Search!.Mode == Bundle.SearchEntryMode.Outcome).Resource);
        Assert.Contains("100", outcome.Issue[0].Diagnostics, StringComparison.Ordinal);
        Assert.Equal(5, bundle.Entry.Count(e => e.Search!.Mode == Bundle.SearchEntryMode.Match));
    }

    [Fact]
    public async System.Threading.Tasks.Task Summary_count_and_total_none_shape_the_bundle()
    {
        using var http = new HttpClient();
        using var count = await http.GetAsync(new Uri(_server.FhirBase, "ResearchStudy?status=active&_summary=count"));
        var counted = await FhirAssert.ReadStrictAsync<Bundle>(count);
        Assert.Equal(3, counted.Total);
        Assert.Empty(counted.Entry);

        using var none = await http.GetAsync(new Uri(_server.FhirBase, "ResearchStudy?status=active&_total=none"));
        var untotalled = await FhirAssert.ReadStrictAsync<Bundle>(none);
        Assert.Null(untotalled.Total);
        Assert.Equal(3, untotalled.Entry.Count);
    }

    [Fact]
    public async System.Threading.Tasks.Task Summary_and_elements_trim_the_resources_returned()
    {
        using var http = new HttpClient();
        using var summary = await http.GetAsync(new Uri(_server.FhirBase, "ResearchStudy?_id=s1&_summary=true"));
        var summarised = (ResearchStudy)(await FhirAssert.ReadStrictAsync<Bundle>(summary)).Entry[0].Resource!;
        Assert.NotNull(summarised.Title);
        Assert.Null(summarised.Description);
        Assert.Contains(summarised.Meta!.Tag, t => t.Code == "SUBSETTED");

        using var elements = await http.GetAsync(new Uri(_server.FhirBase, "ResearchStudy/s1?_elements=title"));
        var trimmed = await FhirAssert.ReadStrictAsync<ResearchStudy>(elements);
        Assert.Equal("Stromal Vascular Fraction in Inclusion Body Myositis", trimmed.Title);
        Assert.Empty(trimmed.Condition);
        Assert.Empty(trimmed.Identifier);
        Assert.Null(trimmed.Description);

        using var full = await http.GetAsync(new Uri(_server.FhirBase, "ResearchStudy/s1"));
        Assert.NotNull((await FhirAssert.ReadStrictAsync<ResearchStudy>(full)).Description);
    }
}

/// <summary>SearchHttpTests against the Server host (ASP.NET Core on Kestrel).</summary>
public sealed class SearchHttpTestsOnServerHost(SeededServer seeded) : SearchHttpTests(seeded.Server), IClassFixture<SeededServer>;

/// <summary>SearchHttpTests against the Functions app, through the test host.</summary>
public sealed class SearchHttpTestsOnFunctionsHost(SeededFunctionsApp seeded) : SearchHttpTests(seeded.Server), IClassFixture<SeededFunctionsApp>;
