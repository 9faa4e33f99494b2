using FhirTrials.Core.Reading.Text;

namespace FhirTrials.Core.Tests.Reading.Text;

public sealed class LineLabelsTests
{
    [Theory]
    [InlineData("Sponsor\nName of organization / entity\nExample Health Board\n")]
    [InlineData("Sponsor or person\nInstitute\nExample Health Board\n")]
    public void A_sub_label_made_of_name_words_under_a_sponsor_heading_gives_the_sponsor(string text)
    {
        var sections = Split(text);

        Assert.Equal(PageField.Sponsor, sections[^1].Field);
        Assert.Equal(["Example Health Board"], sections[^1].ContentLines.Select(l => l.Text));
    }

    [Fact]
    public void The_name_row_of_a_copied_table_under_a_sponsor_heading_gives_the_sponsor()
    {
        var sections = Split("Primary Sponsor\nName\tExample Health Board\nAddress\t1 High Street, Leeds\n");

        var sponsor = Assert.Single(sections, s => s.Field == PageField.Sponsor && s.Shape == LabelShape.PipeRow);
        Assert.Equal(["Example Health Board"], sponsor.InlineValues);
    }

    [Fact]
    public void A_name_sub_label_after_the_sponsor_type_gives_the_sponsor()
    {
        var sections = Split("Primary sponsor type\nUniversity\nName\nExample University\nAddress\nExample Street\n");

        Assert.Equal(["University"], Assert.Single(sections, s => s.Field == PageField.FunderType).ContentLines.Select(l => l.Text));
        Assert.Equal("Example University", Assert.Single(sections, s => s.Field == PageField.Sponsor).ContentLines.First().Text);
    }

    [Fact]
    public void A_name_sub_label_under_another_party_is_not_the_sponsor()
    {
        var sections = Split("Principal investigator\nName\nJane Doe\n");

        Assert.DoesNotContain(sections, s => s.Field == PageField.Sponsor);
    }

    private static List<PageSection> Split(string text) => SectionSplitter.Split(PageLines.Split(text));
}
