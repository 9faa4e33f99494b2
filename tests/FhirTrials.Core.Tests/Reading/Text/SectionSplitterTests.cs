using FhirTrials.Core.Reading.Text;

namespace FhirTrials.Core.Tests.Reading.Text;

public sealed class SectionSplitterTests
{
    [Fact]
    public void Recognises_labels_in_every_page_shape()
    {
        var sections = Split(
            "Trial title here\n" +
            "Recruitment Status :\nRecruiting\n" +
            "Estimated Enrollment : | 32 participants |\n" +
            "Sex: All\n" +
            "Conditions\n\nAsthma\nCOPD\n" +
            "Condition or disease | Intervention/treatment | Phase |\n---|---|---|\nGout | Drug: X | Phase 2 |\n");

        Assert.Equal(
            [PageField.Preamble, PageField.Status, PageField.Enrollment, PageField.Sex, PageField.Conditions, PageField.Conditions],
            sections.Select(s => s.Field));
        Assert.Equal(
            [LabelShape.None, LabelShape.Colon, LabelShape.PipeRow, LabelShape.Colon, LabelShape.Heading, LabelShape.PipeTable],
            sections.Select(s => s.Shape));
        Assert.Equal("estimated", sections[2].Qualifier);
        Assert.Equal(["32 participants"], sections[2].InlineValues);
        Assert.Equal(["Asthma", "COPD"], sections[4].ContentLines.Select(l => l.Text));
        Assert.Equal([PageField.Conditions, PageField.Interventions, PageField.Phase], sections[5].Columns);
    }

    [Fact]
    public void A_label_naming_its_fields_name_under_that_fields_heading_is_a_sub_label_not_a_value()
    {
        var sections = Split("Sponsor\nSponsor name\nFondazione Example\n");

        Assert.Equal(PageField.Sponsor, sections[^1].Field);
        Assert.Equal("Sponsor name", sections[^1].LabelText);
        Assert.Equal(["Fondazione Example"], sections[^1].ContentLines.Select(l => l.Text));
    }

    [Theory]
    [InlineData("Sponsor information\nOrganisation\nExample Health Board\n")]
    [InlineData("Sponsor\nName\nExample Health Board\n")]
    public void A_bare_name_sub_label_under_a_sponsor_heading_gives_the_sponsor(string text)
    {
        var sections = Split(text);

        Assert.Equal(PageField.Sponsor, sections[^1].Field);
        Assert.Equal(["Example Health Board"], sections[^1].ContentLines.Select(l => l.Text));
    }

    [Fact]
    public void Blurbs_furniture_and_stop_lines_are_not_values()
    {
        var sections = Split(
            "Conditions\nSee the medical conditions that this research is targeting.\nAsthma\nMenu\nFAQs\nWhat is a trial?\n");

        Assert.Equal(["Asthma"], sections[1].ContentLines.Select(l => l.Text));
        Assert.Equal(PageField.Ignored, sections[^1].Field);
    }

    [Fact]
    public void Related_trials_are_a_section_of_their_own()
    {
        var sections = Split("NCT ID: NCT01234567\nRelated Clinical Trials\nAnother trial\nNCT07654321\nConditions\nGout\n");

        var related = Assert.Single(sections, s => s.Field == PageField.OtherTrials);
        Assert.Equal(["Another trial", "NCT07654321"], related.ContentLines.Select(l => l.Text));
    }

    [Fact]
    public void An_unknown_label_opens_a_section_of_its_own()
    {
        var sections = Split("Conditions: Gout\nInsurance: Wellcome Trust\n");

        Assert.Equal([PageField.Preamble, PageField.Conditions, PageField.Unknown], sections.Select(s => s.Field));
    }

    [Fact]
    public void Child_labels_stay_inside_their_section()
    {
        var sections = Split("Principal Investigators\nJane Doe, MD\nRole: PRINCIPAL_INVESTIGATOR\nUniversity Hospital\n");

        Assert.Equal(3, sections[1].ContentLines.Count());
    }

    private static List<PageSection> Split(string text) => SectionSplitter.Split(PageLines.Split(text));

    [Fact]
    public void A_short_heading_over_a_paragraph_ends_a_list_of_sites()
    {
        var sections = Split("Locations\nNorthbridge Hospital\nSouthfield Clinic\nAbout this trial\nThe purpose of this study is to find out whether adding drug X to standard care before surgery helps people.\n");

        Assert.Equal(["Northbridge Hospital", "Southfield Clinic"], sections[1].ContentLines.Select(l => l.Text));
        Assert.Equal(PageField.Unlabelled, sections[2].Field);
    }
}
