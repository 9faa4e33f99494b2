using FhirTrials.Api.Errors;
using FhirTrials.Api.Search;
using Hl7.Fhir.Rest;

namespace FhirTrials.Api.Tests.Search;

public sealed class SearchQueryParserTests
{
    private static SearchQuery Parse(string query, bool strict = false) =>
        SearchQueryParser.Parse("ResearchStudy", SearchExecutorTests.Pairs(query), strict);

    [Fact]
    public void Defaults_are_20_results_with_an_accurate_total()
    {
        var query = Parse("");
        Assert.Equal(20, query.Count);
        Assert.Equal(TotalMode.Accurate, query.Total);
        Assert.Empty(query.Clauses);
    }

    [Theory]
    [InlineData("_count=abc")]
    [InlineData("_count=-1")]
    [InlineData("_count=1&_count=2")]
    [InlineData("_sort=description")]
    [InlineData("_sort=nonsense")]
    [InlineData("_total=maybe")]
    [InlineData("_summary=partly")]
    [InlineData("_summary=true&_elements=title")]
    [InlineData("_include=ResearchStudy:title")]
    [InlineData("_include=PlanDefinition:foo")]
    [InlineData("_include=*")]
    [InlineData("_revinclude=Provenance:recorded")]
    [InlineData("title=")]
    [InlineData("status:exact=active")]
    [InlineData("date:exact=2024")]
    [InlineData("sponsor:Patient=1")]
    [InlineData("_id=a/b")]
    public void Bad_result_parameters_and_modifiers_are_400(string query)
    {
        var error = Assert.Throws<FhirException>(() => Parse(query));
        Assert.Equal(400, error.Status);
    }

    [Fact]
    public void Unknown_parameters_become_warnings_unless_strict()
    {
        var query = Parse("colour=blue&subject.name=x&status=active");
        Assert.Equal(2, query.Warnings.Count);
        Assert.Single(query.Clauses);
        Assert.DoesNotContain(query.CanonicalParameters, p => p.Key == "colour");

        Assert.Throws<FhirException>(() => Parse("colour=blue", strict: true));
    }

    [Fact]
    public void Commas_are_OR_and_escaped_commas_are_kept()
    {
        var clause = Assert.Single(Parse(@"title=a\,b,c").Clauses);
        Assert.Equal(2, clause.Values.Count);
        Assert.True(clause.Values[0].Matches("a,b and more", null, null));
        Assert.True(clause.Values[1].Matches("c", null, null));
    }

    [Fact]
    public void Summary_elements_sort_and_includes_are_read()
    {
        var query = Parse("_sort=-date,title&_elements=title&_include=ResearchStudy:enrollment&_revinclude=Provenance:target&_total=none");
        Assert.Equal([("date", true), ("title", false)], query.Sort.Select(s => (s.Parameter.Name, s.Descending)));
        Assert.Contains("title", query.Summary.Elements);
        Assert.Contains("status", query.Summary.Elements);
        Assert.Equal(SummaryType.False, query.Summary.Summary);
        Assert.Equal("Group", Assert.Single(query.Includes).TargetType);
        Assert.Equal("Provenance", Assert.Single(query.RevIncludes).SourceType);
        Assert.Equal(TotalMode.None, query.Total);
    }

    [Fact]
    public void The_fingerprint_ignores_format_but_not_criteria()
    {
        var a = SearchQueryParser.Fingerprint(Parse("status=active&_format=xml"));
        var b = SearchQueryParser.Fingerprint(Parse("status=active"));
        var c = SearchQueryParser.Fingerprint(Parse("status=completed"));
        Assert.Equal(a, b);
        Assert.NotEqual(b, c);
    }
}
