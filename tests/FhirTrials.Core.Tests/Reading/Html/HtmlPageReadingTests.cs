using System.Text;
using FhirTrials.Core.Reading;
using FhirTrials.Core.Reading.Text;
using FhirTrials.Core.Records;

namespace FhirTrials.Core.Tests.Reading.Html;

/// <summary>The page reader on the text the HTML reduction gives: the shapes it emits are ones the reader knows.</summary>
public sealed class HtmlPageReadingTests
{
    private const string Title = "<h1>Velgrelin for weight loss in lung cancer</h1>";

    [Fact]
    public void Conditions_split_by_a_break_in_a_table_cell_are_two_conditions()
    {
        var record = Read(Title + "<table><tr><th>NCT Number</th><td>NCT06572901</td></tr><tr><th>Status</th><td>Recruiting</td></tr>"
            + "<tr><th>Conditions</th><td>Type 2 Diabetes<br>Obesity</td></tr></table>");

        Assert.Equal(["Type 2 Diabetes", "Obesity"], record.Conditions);
    }

    [Fact]
    public void A_definition_list_is_read_as_labels_and_values()
    {
        var record = Read(Title + "<dl><dt>NCT Number</dt><dd>NCT06318842</dd><dt>Status</dt><dd>Recruiting</dd>"
            + "<dt>Diseases</dt><dd>Acute Myeloid Leukemia<br>Myelodysplastic Syndromes</dd><dt>Ages</dt><dd>18 Years &rarr; 75 Years</dd></dl>");

        Assert.Equal("NCT06318842", record.NctId);
        Assert.Equal(RecruitmentStatus.Recruiting, record.Status);
        Assert.Equal(["Acute Myeloid Leukemia", "Myelodysplastic Syndromes"], record.Conditions);
        Assert.Equal(new Age(18, AgeUnit.Years), record.Eligibility.MinimumAge);
        Assert.Equal(new Age(75, AgeUnit.Years), record.Eligibility.MaximumAge);
    }

    [Fact]
    public void A_hidden_panel_does_not_override_what_the_page_shows()
    {
        var record = Read(Title + "<dl><dt>NCT Number</dt><dd>NCT06572901</dd><dt>Status</dt><dd>Recruiting</dd><dt>Phase</dt><dd>Phase 2</dd></dl>"
            + "<section hidden><h2>Results</h2><dl><dt>Status</dt><dd>Completed</dd><dt>Phase</dt><dd>Phase 3</dd></dl></section>"
            + "<div style=\"display:none\">Status: Terminated</div>");

        Assert.Equal(RecruitmentStatus.Recruiting, record.Status);
        Assert.Equal([TrialPhase.Phase2], record.Phases);
    }

    [Fact]
    public void A_page_beyond_the_html_limits_is_refused_with_the_limit_as_its_reason()
    {
        var html = Title + new StringBuilder().Insert(0, "<div>", 3_000) + "NCT06572901";

        var result = TrialDocumentReader.Read(Encoding.UTF8.GetBytes(html), "deep.html");

        Assert.True(result.IsRejected);
        Assert.Equal(DocumentFormat.Html, result.Format);
        Assert.Equal("The HTML nests elements more than 2,048 deep; pages are read up to 2,048 levels.", result.RejectionReason);
    }

    [Fact]
    public void The_reader_limits_given_to_the_document_reader_reach_the_html_parser()
    {
        var html = Encoding.UTF8.GetBytes(Title + "<p>NCT Number: NCT06572901</p><p>Status: Recruiting</p><p>Phase: Phase 2</p>");

        Assert.False(TrialDocumentReader.Read(html, "page.html").IsRejected);
        Assert.Contains("more than 5 elements", TrialDocumentReader.Read(html, "page.html", new ReaderLimits(MaxHtmlElements: 5)).RejectionReason, StringComparison.Ordinal);
    }

    private static TrialRecord Read(string html) =>
        PageTextReader.ReadHtml(html, new PageSource("page.html", "0", DocumentFormat.Html)).Record
        ?? throw new InvalidOperationException("The page was refused.");
}
