using FhirTrials.Api.Errors;
using FhirTrials.Api.Search;
using FhirTrials.Api.Tests.Support;

namespace FhirTrials.Api.Tests.Search;

public sealed class SearchExecutorTests
{
    private readonly InMemoryFhirStore _store = new();

    public SearchExecutorTests()
    {
        var updated = new DateTimeOffset(2026, 11, 20, 8, 0, 0, TimeSpan.Zero);
        foreach (var resource in TrialData.Resources())
        {
            _store.Add(resource, updated);
            updated = updated.AddHours(1);
        }
    }

    [Theory]
    [InlineData("title=sjogren", "s2,s3")]
    [InlineData("title=SJÖGREN", "s2,s3")]
    [InlineData("title=Sjögren syndrome: étude", "s2")]
    [InlineData("title:exact=sjogren cohort follow-up", "s3")]
    [InlineData("title:exact=Sjogren cohort follow-up", "")]
    [InlineData("title:contains=FIBRO", "s4")]
    [InlineData("title:contains=ymphoma", "")]
    [InlineData("title=stromal,systemic", "s1,s4")]
    [InlineData("status=active", "s1,s3,s5")]
    [InlineData("status=http://hl7.org/fhir/research-study-status|withdrawn", "s4")]
    [InlineData("status:not=active", "s2,s4")]
    [InlineData("identifier=NCT05032131", "s1")]
    [InlineData("identifier=http://clinicaltrials.gov|NCT05947682", "s2")]
    [InlineData("identifier=http://clinicaltrials.gov|", "s1,s2,s3,s4")]
    [InlineData("identifier=|NCT05947682", "")]
    [InlineData(@"identifier=|LOCAL\|7", "s5")]
    [InlineData("condition=D009103", "s3")]
    [InlineData("condition=http://id.nlm.nih.gov/mesh|D018979,D012595", "s1,s4")]
    [InlineData("condition:text=sjogren", "s2")]
    [InlineData("condition:missing=true", "s5")]
    [InlineData("condition:missing=false&status=active", "s1,s3")]
    [InlineData("sponsor=Organization/org-a", "s1,s3")]
    [InlineData("sponsor=org-b", "s2")]
    [InlineData("sponsor:Organization=org-b", "s2")]
    [InlineData("sponsor:missing=true", "s4,s5")]
    [InlineData("protocol=PlanDefinition/s4", "s4")]
    [InlineData("_id=s2,s4", "s2,s4")]
    [InlineData("status=active&title=sjogren", "s3")]
    [InlineData("status=active&status=completed", "")]
    public void Criteria_select_the_expected_studies(string query, string expected) =>
        Assert.Equal(Ids(expected), Search(query));

    [Theory]
    [InlineData("date=2022", "s2")]
    [InlineData("date=eq2022-01-15", "")]
    [InlineData("date=ge2022-12-31", "s1,s2,s3,s4")]
    [InlineData("date=ge2023-01-02", "s1,s3")]
    [InlineData("date=gt2022-12-31", "s1,s3,s4")]
    [InlineData("date=gt2023-06-30", "s3")]
    [InlineData("date=lt2021-09-01", "")]
    [InlineData("date=lt2021-09-02", "s1")]
    [InlineData("date=le2021-09", "s1")]
    [InlineData("date=sa2022-12-31", "s3,s4")]
    [InlineData("date=sa2022-12-30", "s3,s4")]
    [InlineData("date=eb2022-01-15", "")]
    [InlineData("date=eb2023-07", "s1,s2,s4")]
    [InlineData("date=ne2023", "s1,s2,s3")]
    [InlineData("date=2023-01-01T11:00:00Z", "")]
    [InlineData("date=eq2023-01-01", "s4")]
    [InlineData("date=2023-01-01T10:00:00Z", "")]
    [InlineData("date=ap2023-01-01", "s1,s2,s4")]
    [InlineData("date=le2021-08-31", "")]
    [InlineData("_lastUpdated=2026-11-20T08:00:00Z", "s1")]
    [InlineData("_lastUpdated=gt2026-11-20T09:00:00Z", "s3,s4,s5")]
    [InlineData("_lastUpdated=gt2026-11-20T08:59:59.5Z", "s2,s3,s4,s5")]
    [InlineData("_lastUpdated=gt2026-11-20T12:00:00Z", "")]
    [InlineData("_lastUpdated=ge2026-11-20T09:00:00Z", "s2,s3,s4,s5")]
    [InlineData("_lastUpdated=ge2026-11-20T09:00:01Z", "s3,s4,s5")]
    [InlineData("_lastUpdated=gt2026-11-19", "s1,s2,s3,s4,s5")]
    [InlineData("date:missing=true", "s5")]
    public void Date_prefixes_compare_ranges_at_their_edges(string query, string expected) =>
        Assert.Equal(Ids(expected), Search(query));

    [Fact]
    public void Sort_orders_by_title_then_id_and_puts_missing_values_last()
    {
        Assert.Equal(["s3", "s2", "s1", "s4", "s5"], Search("_sort=title"));
        Assert.Equal(["s4", "s1", "s2", "s3", "s5"], Search("_sort=-title"));
        Assert.Equal(["s1", "s2", "s4", "s3", "s5"], Search("_sort=date"));
        Assert.Equal(["s5", "s4", "s3", "s2", "s1"], Search("_sort=-_lastUpdated"));
    }

    [Fact]
    public async System.Threading.Tasks.Task Paging_returns_each_match_exactly_once_in_order()
    {
        var query = Parse("_count=2&_sort=title");
        var seen = new List<string>();
        (int, string)? position = null;
        do
        {
            var page = await new SearchExecutor(_store).ExecuteAsync(query, position, default);
            Assert.Equal(5, page.Total);
            seen.AddRange(page.Matches.Select(m => m.Id!));
            position = page.Next;
        }
        while (position is not null);

        Assert.Equal(["s3", "s2", "s1", "s4", "s5"], seen);
    }

    [Fact]
    public async System.Threading.Tasks.Task Includes_add_referenced_and_referencing_resources_once()
    {
        var page = await new SearchExecutor(_store).ExecuteAsync(
            Parse("_id=s1,s3&_include=ResearchStudy:sponsor&_include=ResearchStudy:protocol&_revinclude=Provenance:target"), null, default);

        Assert.Equal(["s1", "s3"], page.Matches.Select(m => m.Id));
        Assert.Equal(
            ["Organization/org-a", "PlanDefinition/s1", "Provenance/prov-s1"],
            page.Included.Select(r => r.TypeName + "/" + r.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async System.Threading.Tasks.Task A_selective_search_is_one_index_query_and_never_reads_every_id()
    {
        var before = _store.Queries;

        var page = await new SearchExecutor(_store).ExecuteAsync(Parse("identifier=http://clinicaltrials.gov|NCT05947682"), null, default);

        Assert.Equal(["s2"], page.Matches.Select(m => m.Id));
        Assert.Equal(1, _store.Queries - before);
    }

    [Fact]
    public async System.Threading.Tasks.Task Sorting_a_few_matches_reads_them_instead_of_scanning_the_sort_partition()
    {
        var before = _store.Queries;

        var page = await new SearchExecutor(_store).ExecuteAsync(Parse("status=active&_sort=-date"), null, default);

        Assert.Equal(["s3", "s1", "s5"], page.Matches.Select(m => m.Id));
        Assert.Equal(1, _store.Queries - before);
    }

    [Fact]
    public async System.Threading.Tasks.Task Summary_count_gives_the_total_without_resources()
    {
        var page = await new SearchExecutor(_store).ExecuteAsync(Parse("status=active&_summary=count"), null, default);
        Assert.Equal(3, page.Total);
        Assert.Empty(page.Matches);
    }

    [Fact]
    public async System.Threading.Tasks.Task Other_resource_types_are_searched_in_their_own_partitions()
    {
        var query = SearchQueryParser.Parse("Organization", [new("name", "universite")], strict: false);
        var page = await new SearchExecutor(_store).ExecuteAsync(query, null, default);
        Assert.Equal(["org-a"], page.Matches.Select(m => m.Id));
    }

    [Theory]
    [InlineData("date=2023-13")]
    [InlineData("date=xx2023")]
    [InlineData("sponsor=' or 1 eq 1")]
    [InlineData("title:nonsense=x")]
    [InlineData("identifier=a|b|c")]
    public void Bad_values_are_a_FhirException_400(string query)
    {
        var error = Assert.Throws<FhirException>(() => Parse(query));
        Assert.Equal(400, error.Status);
    }

    private static SearchQuery Parse(string query) =>
        SearchQueryParser.Parse("ResearchStudy", Pairs(query), strict: false);

    private List<string> Search(string query)
    {
        var page = new SearchExecutor(_store).ExecuteAsync(Parse(query + "&_count=100"), null, default).GetAwaiter().GetResult();
        return page.Matches.Select(m => m.Id!).ToList();
    }

    private static List<string> Ids(string csv) => csv.Split(',', StringSplitOptions.RemoveEmptyEntries).ToList();

    internal static IEnumerable<KeyValuePair<string, string>> Pairs(string query) =>
        query.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p =>
        {
            var eq = p.IndexOf('=', StringComparison.Ordinal);
            return new KeyValuePair<string, string>(p[..eq], p[(eq + 1)..]);
        });
}
