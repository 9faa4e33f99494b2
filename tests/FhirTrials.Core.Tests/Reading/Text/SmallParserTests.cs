using FhirTrials.Core.Reading.Text;
using FhirTrials.Core.Records;

namespace FhirTrials.Core.Tests.Reading.Text;

public sealed class TitleParserTests
{
    [Theory]
    [InlineData("Cell Therapy for IBM by Muscle Injection of ADSVF (ADSVF-in-IBM)", "Cell Therapy for IBM by Muscle Injection of ADSVF", "ADSVF-in-IBM")]
    [InlineData("Manufacturing of Cells for Severe Systemic Sclerosis (Pre_MSC-AT-SSc)", "Manufacturing of Cells for Severe Systemic Sclerosis", "Pre_MSC-AT-SSc")]
    [InlineData("A study of X (Phase I)", "A study of X (Phase I)", null)]
    [InlineData("Treatment of Cardiomyopathies by Extracellular Vesicles", "Treatment of Cardiomyopathies by Extracellular Vesicles", null)]
    public void Splits_an_acronym_suffix_from_the_title(string text, string title, string? acronym) =>
        Assert.Equal((title, acronym), TitleParser.Split(text));
}

public sealed class ContactParserTests
{
    [Fact]
    public void Reads_name_phone_and_email_cells() =>
        Assert.Equal(
            [new Contact("Olivier Benveniste, Professor", Phone: "01 42 16 10 88", Email: "olivier.benveniste@aphp.fr")],
            ContactParser.Parse(["Olivier Benveniste, Professor", "01 42 16 10 88", "olivier.benveniste@aphp.fr"]));

    [Fact]
    public void Reads_a_semicolon_list_of_names_with_degrees() =>
        Assert.Equal(
            [new Contact("Gregory PUGNET, MD, PHD"), new Contact("Charline DAGUZAN")],
            ContactParser.Parse(["Gregory PUGNET, MD, PHD; Charline DAGUZAN"]));

    [Fact]
    public void Reads_a_phone_number_written_after_the_name() =>
        Assert.Equal([new Contact("Olivier BENVENISTE", Phone: "0142161699")], ContactParser.Parse(["Olivier BENVENISTE 0142161699"]));
}

public sealed class OutcomeLineParserTests
{
    [Fact]
    public void Reads_measure_time_frame_and_description()
    {
        var (measure, timeFrame, description) = OutcomeLineParser.Parse(
            "In each group, evaluation of muscle inflammation control [ Time Frame: At 6 month ]Immunomonitoring of the PBMC");

        Assert.Equal("In each group, evaluation of muscle inflammation control", measure);
        Assert.Equal("At 6 month", timeFrame);
        Assert.Equal("Immunomonitoring of the PBMC", description);
    }

    [Theory]
    [InlineData("Tolerance [Time Frame: day 30]", true)]
    [InlineData("Tolerance [ see protocol ]", false)]
    [InlineData("Tolerance at day 30", false)]
    public void Knows_outcome_lines_by_their_time_frame(string text, bool expected) =>
        Assert.Equal(expected, OutcomeLineParser.HasTimeFrame(text));
}

public sealed class CriteriaListParserTests
{
    [Fact]
    public void List_items_are_items_nested_ones_included_and_trailing_values_are_left_over()
    {
        var lines = PageLinesOf("• Age ≥ 18\n• Comorbidities:\n    • Hypertension\n    • Diabetes\n18 Years\nALL");

        var (items, leftovers) = CriteriaListParser.Parse(lines);

        Assert.Equal(["Age ≥ 18", "Comorbidities:", "Hypertension", "Diabetes"], items.Select(i => i.Text));
        Assert.Equal(["18 Years", "ALL"], leftovers.Select(l => l.Text));
    }

    [Fact]
    public void A_line_without_marker_continues_the_item_above()
    {
        var (items, _) = CriteriaListParser.Parse(PageLinesOf("1. Signed consent given\nbefore any study procedure\n2. Adults"));

        Assert.Equal(["Signed consent given before any study procedure", "Adults"], items.Select(i => i.Text));
        Assert.Equal(new LineSpan(1, 2), items[0].Span);
    }

    [Fact]
    public void A_block_without_markers_has_one_item_per_line()
    {
        var (items, _) = CriteriaListParser.Parse(PageLinesOf("Adults\nSigned consent"));

        Assert.Equal(["Adults", "Signed consent"], items.Select(i => i.Text));
    }

    private static List<PageLine> PageLinesOf(string text) => PageLines.Split(text).Where(l => !l.IsBlank).ToList();
}

public sealed class PageLinesTests
{
    [Fact]
    public void Markers_indents_and_markdown_escapes_are_read()
    {
        var lines = PageLines.Split("  • Weight < 50 kg\n2. state\\* and \\< 12 months \\[x\\]\n* Cohort 1\nPlain");

        Assert.Equal([ListMarker.Bullet, ListMarker.Numbered, ListMarker.Bullet, ListMarker.None], lines.Select(l => l.Marker));
        Assert.Equal(2, lines[0].Indent);
        Assert.Equal("state* and < 12 months [x]", lines[1].Content);
        Assert.Equal(4, lines[3].Number);
    }
}

public sealed class TermLineSplitterTests
{
    [Fact]
    public void Splits_run_together_terms_by_known_phrases_and_mesh_headings()
    {
        Assert.Equal(
            ["Myositis", "Myositis, Inclusion Body", "Muscular Diseases"],
            TermLineSplitter.Split("Myositis Myositis, Inclusion Body Muscular Diseases", []));
        Assert.Equal(
            ["Inclusion Body Myositis", "Cell Therapy", "ADSVF"],
            TermLineSplitter.Split("Inclusion Body Myositis Cell Therapy ADSVF", ["Inclusion Body Myositis", "ADSVF"]));
    }
}
