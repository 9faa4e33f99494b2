using FhirTrials.Core.Reading.Text;
using FhirTrials.Core.Records;

namespace FhirTrials.Core.Tests.Reading.Text;

public sealed class MarkdownPageTests
{
    [Theory]
    [InlineData("**NCT Number:** NCT01234567")]
    [InlineData("**NCT Number**: NCT01234567")]
    [InlineData("*NCT Number*: NCT01234567")]
    [InlineData("__NCT Number:__ NCT01234567")]
    public void Bold_or_italic_labels_read_as_labels(string line)
    {
        var record = UnlabelledValueRecognizerTests.Read("# A Study of Drug X in Gout\n\n" + line + "\n");

        Assert.Equal("NCT01234567", record.NctId);
        Assert.Equal("A Study of Drug X in Gout", record.BriefTitle);
    }

    [Fact]
    public void A_heading_list_stops_at_the_next_heading_of_any_level_even_an_unknown_one()
    {
        var record = UnlabelledValueRecognizerTests.Read(
            "# A Study of Drug X in Gout\n\n**NCT Number:** NCT01234567\n\n## Conditions\n\n- Gout\n+ Hyperuricaemia\n\n### Why this matters\n\nPeople with gout have painful flares.\n\nStatus\n------\n\nRecruiting\n");

        Assert.Equal(["Gout", "Hyperuricaemia"], record.Conditions);
        Assert.Equal(RecruitmentStatus.Recruiting, record.Status);
    }

    [Fact]
    public void Setext_and_atx_headings_carry_their_level_and_lose_their_marks()
    {
        var lines = PageLines.Split("Eligibility\n===========\n#### Inclusion Criteria ####\n1) Adults\n2. Gout\n");

        Assert.Equal(1, lines[0].HeadingLevel);
        Assert.True(lines[1].IsBlank);
        Assert.Equal(("Inclusion Criteria", 4), (lines[2].Text, lines[2].HeadingLevel));
        Assert.Equal((ListMarker.Numbered, "Adults"), (lines[3].Marker, lines[3].Content));
    }

    [Fact]
    public void A_pipe_table_with_a_header_row_gives_its_rows_as_labelled_values()
    {
        var record = UnlabelledValueRecognizerTests.Read(
            "# A Study of Drug X in Gout\n\n| Field | Value |\n|---|---|\n| NCT Number | NCT01234567 |\n| Status | Recruiting |\n| Phase | Phase 2 |\n");

        Assert.Equal("NCT01234567", record.NctId);
        Assert.Equal(RecruitmentStatus.Recruiting, record.Status);
        Assert.Equal([TrialPhase.Phase2], record.Phases);
    }

    [Fact]
    public void A_label_value_continues_on_indented_lines()
    {
        var record = UnlabelledValueRecognizerTests.Read(
            "NCT Number: NCT01234567\nOfficial Title: A Randomised Trial of Drug X Against Placebo\n    in Adults With Recurrent Gout Flares\nStatus: Recruiting\n");

        Assert.Equal("A Randomised Trial of Drug X Against Placebo in Adults With Recurrent Gout Flares", record.OfficialTitle);
    }

    [Theory]
    [InlineData("# A Study of Drug X in Gout\n\n**NCT Number:** NCT01234567\n")]
    [InlineData("[Skip to content](#main)\n\n# A Study of Drug X in Gout\n\n**NCT Number:** NCT01234567\n")]
    public void A_markdown_export_is_read_as_page_text(string markdown)
    {
        var result = FhirTrials.Core.Reading.TrialDocumentReader.Read(System.Text.Encoding.UTF8.GetBytes(markdown), "trial.md");

        var record = Assert.Single(result.Records);
        Assert.Equal(DocumentFormat.Text, record.Source.Format);
        Assert.Equal("NCT01234567", record.NctId);
    }

    [Fact]
    public void Tab_separated_cells_of_a_copied_table_read_as_label_and_value()
    {
        var record = UnlabelledValueRecognizerTests.Read("A Study of Drug X in Gout\nNCT Number\tNCT01234567\nCondition\tGout\nSponsor\tAcme Pharma Ltd\n");

        Assert.Equal("NCT01234567", record.NctId);
        Assert.Equal(["Gout"], record.Conditions);
        Assert.Equal("Acme Pharma Ltd", record.LeadSponsor!.Name);
    }

    [Fact]
    public void A_header_row_of_labels_without_a_separator_is_not_a_label_with_values()
    {
        var record = UnlabelledValueRecognizerTests.Read("A Study of Drug X in Gout\nNCT Number: NCT01234567\nCondition\tIntervention\tPhase\nGout\nDrug X\nPhase 2\n");

        Assert.DoesNotContain("Intervention", record.Conditions);
        Assert.Equal([TrialPhase.Phase2], record.Phases);
    }
}
