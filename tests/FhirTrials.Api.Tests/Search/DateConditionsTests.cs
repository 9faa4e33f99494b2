using FhirTrials.Api.Search;
using FhirTrials.Core.Search;

namespace FhirTrials.Api.Tests.Search;

public sealed class DateConditionsTests
{
    [Theory]
    [InlineData("gt2026-11-20T09:00:00Z", "2026-11-20T08:59:59.9999999")]
    [InlineData("ge2026-11-20T09:00:00Z", "2026-11-20T08:59:59")]
    [InlineData("gt2026-11-20", "2026-11-20T23:59:58.9999999")]
    public void A_lastUpdated_gt_or_ge_search_reads_the_rows_from_a_second_before_its_bound_not_the_partition(string value, string from)
    {
        var condition = DateConditions.Parse(value, SearchParameterCatalog.LastUpdatedParameter, instants: true);

        Assert.Equal(IndexLookup.Range, condition.Lookup);
        Assert.Equal(from, condition.From);
        Assert.Null(condition.To);
    }

    [Theory]
    [InlineData("gt2026-11-20")]
    [InlineData("ge2026-11-20")]
    public void A_gt_or_ge_search_on_a_date_that_may_span_years_still_reads_the_partition(string value) =>
        Assert.Equal(IndexLookup.Scan, DateConditions.Parse(value, "date").Lookup);

    [Fact]
    public void A_bound_within_a_second_of_the_earliest_instant_reads_from_the_earliest() =>
        Assert.Equal(DateRange.Format(DateRange.Earliest), DateConditions.Parse("ge0001-01-01T00:00:00Z", SearchParameterCatalog.LastUpdatedParameter, instants: true).From);
}
