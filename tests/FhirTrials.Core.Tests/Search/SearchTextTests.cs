using FhirTrials.Core.Search;

namespace FhirTrials.Core.Tests.Search;

public sealed class SearchTextTests
{
    [Theory]
    [InlineData("Sjögren", "sjogren")]
    [InlineData("SJÖGREN", "sjogren")]
    [InlineData("Ménière  disease", "meniere disease")]
    [InlineData("  Straße ", "strasse")]
    [InlineData("Łódź", "lodz")]
    [InlineData("Ærøskøbing", "aeroskobing")]
    [InlineData("ﬁbrosis", "fibrosis")]
    public void Fold_removes_case_accents_and_extra_spaces(string text, string expected) =>
        Assert.Equal(expected, SearchText.Fold(text));

    [Fact]
    public void Fold_keeps_digits_and_punctuation() =>
        Assert.Equal("nct05032131: phase 1/2", SearchText.Fold("NCT05032131: Phase 1/2"));
}
