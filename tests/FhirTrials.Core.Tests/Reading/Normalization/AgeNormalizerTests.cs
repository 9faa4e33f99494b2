using FhirTrials.Core.Reading.Normalization;
using FhirTrials.Core.Records;

namespace FhirTrials.Core.Tests.Reading.Normalization;

public sealed class AgeNormalizerTests
{
    [Theory]
    [InlineData("45 Years to 80 Years (Adult, Older Adult)", "45 Years", "80 Years", "Adult|Older Adult")]
    [InlineData("18 to 55 years old", "18 Years", "55 Years", "")]
    [InlineData("18+ years old", "18 Years", null, "")]
    [InlineData("18-55 years", "18 Years", "55 Years", "")]
    [InlineData("up to 65 years", null, "65 Years", "")]
    [InlineData("65 years and older", "65 Years", null, "")]
    [InlineData("18 Years and older (Adult, Older Adult)", "18 Years", null, "Adult|Older Adult")]
    [InlineData("6 Months to 17 Years (Child)", "6 Months", "17 Years", "Child")]
    [InlineData("Age between 18 and 55 years", "18 Years", "55 Years", "")]
    [InlineData("≥ 18 years", "18 Years", null, "")]
    [InlineData("N/A", null, null, "")]
    [InlineData("18 Years → 75 Years", "18 Years", "75 Years", "")]
    [InlineData("18→75 years", "18 Years", "75 Years", "")]
    [InlineData("18\u2009Years to 65\u2009Years", "18 Years", "65 Years", "")]
    [InlineData("18\u2009–\u200975\u202Fyears", "18 Years", "75 Years", "")]
    public void Reads_age_ranges(string text, string? min, string? max, string groups)
    {
        Assert.True(AgeNormalizer.TryParseRange(text, out var range));
        Assert.Equal(min, Describe(range!.Minimum));
        Assert.Equal(max, Describe(range.Maximum));
        Assert.Equal(groups, string.Join('|', range.StandardAges));
    }

    [Theory]
    [InlineData("18 Years")]
    [InlineData("Recruiting")]
    [InlineData("Phase 1")]
    [InlineData("18 to 55 to 70 years")]
    [InlineData("45 Years to 80 Years (Teenager)")]
    public void Refuses_what_is_not_a_range(string text) => Assert.False(AgeNormalizer.TryParseRange(text, out _));

    [Theory]
    [InlineData("18 Years", "18 Years")]
    [InlineData("80 Years", "80 Years")]
    [InlineData("6 Months", "6 Months")]
    [InlineData("2 weeks", "2 Weeks")]
    [InlineData("18\u2009Years", "18 Years")]
    public void Reads_single_ages(string text, string expected)
    {
        Assert.True(AgeNormalizer.TryParseAge(text, out var age));
        Assert.Equal(expected, Describe(age));
    }

    [Theory]
    [InlineData("All")]
    [InlineData("18 participants")]
    public void Refuses_single_values_that_are_not_ages(string text) => Assert.False(AgeNormalizer.TryParseAge(text, out _));

    private static string? Describe(Age? age) => age is null ? null : $"{age.Value} {age.Unit}";
}
