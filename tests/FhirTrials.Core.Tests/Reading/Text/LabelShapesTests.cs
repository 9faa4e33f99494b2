using FhirTrials.Core.Reading.Text;

namespace FhirTrials.Core.Tests.Reading.Text;

public sealed class LabelShapesTests
{
    [Theory]
    [InlineData("Name")]
    [InlineData("Organisation")]
    [InlineData("Institute")]
    [InlineData("Name of organization / entity")]
    public void Labels_made_of_name_words_are_name_sub_labels(string text) => Assert.True(LabelShapes.IsNameSubLabel(text));

    [Theory]
    [InlineData("Name of the study drug")]
    [InlineData("Organization type")]
    [InlineData("Of the")]
    public void Labels_with_other_words_or_no_name_word_are_not(string text) => Assert.False(LabelShapes.IsNameSubLabel(text));
}
