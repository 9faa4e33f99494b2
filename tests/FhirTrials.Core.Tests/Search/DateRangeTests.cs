using FhirTrials.Core.Search;

namespace FhirTrials.Core.Tests.Search;

public sealed class DateRangeTests
{
    [Theory]
    [InlineData("2024", "2024-01-01T00:00:00", "2024-12-31T23:59:59.9999999")]
    [InlineData("2024-02", "2024-02-01T00:00:00", "2024-02-29T23:59:59.9999999")]
    [InlineData("2024-02-10", "2024-02-10T00:00:00", "2024-02-10T23:59:59.9999999")]
    [InlineData("2024-02-10T10:30", "2024-02-10T10:30:00", "2024-02-10T10:30:59.9999999")]
    [InlineData("2024-02-10T10:30:15+02:00", "2024-02-10T08:30:15", "2024-02-10T08:30:15.9999999")]
    [InlineData("2024-02-10T10:30:15.25Z", "2024-02-10T10:30:15.25", "2024-02-10T10:30:15.2599999")]
    public void Partial_dates_cover_their_whole_precision(string text, string low, string high)
    {
        Assert.True(DateRange.TryParse(text, out var range));
        Assert.Equal(low, range.LowKey);
        Assert.Equal(high, range.HighKey);
    }

    [Theory]
    [InlineData("")]
    [InlineData("24")]
    [InlineData("2024-13")]
    [InlineData("2024-02-30")]
    [InlineData("2024-02-10T25:00")]
    [InlineData("2024-02-10T10:00+99:00")]
    [InlineData("' or 1 eq 1")]
    [InlineData("0000")]
    public void Invalid_dates_are_rejected_without_throwing(string text) =>
        Assert.False(DateRange.TryParse(text, out _));

    [Fact]
    public void Formatted_keys_sort_in_time_order()
    {
        string[] texts = ["2024-01-01T00:00:00.5Z", "2024-01-01T00:00:00.25Z", "2024-01-01T00:00:00Z", "2023-12-31T23:59:59.9Z", "2024-01-01T00:00:01Z"];
        var keys = texts.Select(t => DateRange.TryParse(t, out var r) ? r : throw new InvalidOperationException(t)).OrderBy(r => r.Low).Select(r => r.LowKey).ToList();
        Assert.Equal(keys.OrderBy(k => k, StringComparer.Ordinal), keys);
    }
}
