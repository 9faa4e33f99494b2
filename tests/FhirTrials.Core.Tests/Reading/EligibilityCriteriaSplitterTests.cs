using FhirTrials.Core.Reading;

namespace FhirTrials.Core.Tests.Reading;

public sealed class EligibilityCriteriaSplitterTests
{
    [Fact]
    public void Api_style_bullets_split_into_inclusion_and_exclusion_items()
    {
        var split = EligibilityCriteriaSplitter.Split("Inclusion Criteria:\n\n* Age ≥ 18\n* Signed consent\n\nExclusion Criteria:\n\n* Pregnancy");

        Assert.True(split.Split);
        Assert.Equal(["Age ≥ 18", "Signed consent"], split.Inclusion.Select(i => i.Text));
        Assert.Equal(["Pregnancy"], split.Exclusion.Select(i => i.Text));
        Assert.Equal((2, 2), (split.Inclusion[0].FirstLine, split.Inclusion[0].LastLine));
    }

    [Fact]
    public void Wrapped_legacy_items_are_joined_and_keep_their_line_span()
    {
        var text = """
                    Inclusion Criteria:

                      -  Adults with a diagnosis made at least 6 months before
                         screening

                    Exclusion Criteria:

                      -  Active infection
            """;

        var split = EligibilityCriteriaSplitter.Split(text);

        var item = Assert.Single(split.Inclusion);
        Assert.Equal("Adults with a diagnosis made at least 6 months before screening", item.Text);
        Assert.Equal((2, 3), (item.FirstLine, item.LastLine));
        Assert.Equal("Active infection", Assert.Single(split.Exclusion).Text);
    }

    [Fact]
    public void Numbered_and_lettered_items_lose_their_markers_only()
    {
        var split = EligibilityCriteriaSplitter.Split("Key inclusion criteria:\n1. BMI 18-30 kg/m2\n2) eGFR > 60\na. Non-smoker\nNon-inclusion criteria:\n(1) Prior gene therapy");

        Assert.Equal(["BMI 18-30 kg/m2", "eGFR > 60", "Non-smoker"], split.Inclusion.Select(i => i.Text));
        Assert.Equal(["Prior gene therapy"], split.Exclusion.Select(i => i.Text));
    }

    [Fact]
    public void A_criterion_that_starts_with_the_word_exclusion_is_not_a_heading()
    {
        var split = EligibilityCriteriaSplitter.Split("Inclusion Criteria:\n* Exclusion of malignancy by CT scan\nExclusion Criteria:\n* None of the above");

        Assert.Equal(["Exclusion of malignancy by CT scan"], split.Inclusion.Select(i => i.Text));
        Assert.Equal(["None of the above"], split.Exclusion.Select(i => i.Text));
    }

    [Fact]
    public void Text_without_headings_is_left_whole()
    {
        var split = EligibilityCriteriaSplitter.Split("Adults followed at the centre.");

        Assert.False(split.Split);
        Assert.Empty(split.Inclusion);
        Assert.Empty(split.Exclusion);
    }
}
