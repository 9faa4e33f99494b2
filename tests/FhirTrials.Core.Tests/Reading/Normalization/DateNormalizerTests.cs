using FhirTrials.Core.Reading.Normalization;
using FhirTrials.Core.Records;

namespace FhirTrials.Core.Tests.Reading.Normalization;

public sealed class DateNormalizerTests
{
    [Theory]
    [InlineData("September 2, 2021", "2021-09-02")]
    [InlineData("Sep 2, 2021", "2021-09-02")]
    [InlineData("Sept. 2, 2021", "2021-09-02")]
    [InlineData("2 September 2021", "2021-09-02")]
    [InlineData("15 October 2025", "2025-10-15")]
    [InlineData("October 2023", "2023-10")]
    [InlineData("2023-05-31", "2023-05-31")]
    [InlineData("2023-05", "2023-05")]
    [InlineData("2023/05/31", "2023-05-31")]
    [InlineData("31/12/2024", "2024-12-31")]
    [InlineData("12/31/2024", "2024-12-31")]
    [InlineData("31.12.2024", "2024-12-31")]
    [InlineData("2 septembre 2021", "2021-09-02")]
    [InlineData("1er février 2024", "2024-02-01")]
    [InlineData("août 2023", "2023-08")]
    [InlineData("September 2, 2021 Key Record Dates", "2021-09-02")]
    [InlineData("2021", "2021")]
    public void Reads_every_seen_date_format(string text, string expected)
    {
        Assert.True(DateNormalizer.TryParse(text, out var date));
        Assert.Equal(expected, date!.ToString());
    }

    [Theory]
    [InlineData("31/02/2024", "not a valid calendar date")]
    [InlineData("05/06/2024", "ambiguous")]
    [InlineData("February 30, 2023", "not a valid calendar date")]
    [InlineData("soon", "not part of a date")]
    [InlineData("", "no date")]
    public void Refuses_invalid_or_ambiguous_dates_with_a_reason(string text, string reason)
    {
        Assert.False(DateNormalizer.TryParse(text, DateKind.Unspecified, out var date, out var problem));
        Assert.Null(date);
        Assert.Contains(reason, problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Actual Study Start Date", DateKind.Actual)]
    [InlineData("Estimated Primary Completion Date", DateKind.Estimated)]
    [InlineData("Anticipated completion", DateKind.Estimated)]
    [InlineData("First Posted", DateKind.Unspecified)]
    public void Kind_comes_from_the_label_words(string label, DateKind expected) =>
        Assert.Equal(expected, DateNormalizer.KindFromWords(label));

    [Fact]
    public void Kind_words_in_the_value_override_the_label()
    {
        Assert.True(DateNormalizer.TryParse("2023-05-31 (Actual)", DateKind.Estimated, out var date, out _));
        Assert.Equal(new TrialDate(2023, 5, 31, DateKind.Actual), date);
    }

    [Fact]
    public void Label_kind_is_kept_when_the_value_has_none()
    {
        Assert.True(DateNormalizer.TryParse("April 2024", DateKind.Estimated, out var date, out _));
        Assert.Equal(new TrialDate(2024, 4, null, DateKind.Estimated), date);
    }
}
