using static FhirTrials.Core.Tests.Reading.Html.HtmlTextTests;

namespace FhirTrials.Core.Tests.Reading.Html;

public sealed class HtmlDefinitionListTextTests
{
    [Fact]
    public void A_term_and_its_one_line_description_become_label_colon_value() =>
        Assert.Equal(
            "NCT Number: NCT06318842\nPhase: Phase I/II\n",
            VisibleText("<dl><dt>NCT Number</dt><dd>NCT06318842</dd><dt>Phase</dt><dd>Phase I/II</dd></dl>"));

    [Fact]
    public void A_description_of_several_lines_goes_under_its_label() =>
        Assert.Equal(
            "Diseases:\nAcute Myeloid Leukemia\nMyelodysplastic Syndromes\nSex: All\n",
            VisibleText("<dl><dt>Diseases</dt><dd>Acute Myeloid Leukemia<br>Myelodysplastic Syndromes</dd><dt>Sex</dt><dd>All</dd></dl>"));

    [Fact]
    public void Several_descriptions_of_one_term_are_its_lines() =>
        Assert.Equal(
            "Conditions:\nAsthma\nCOPD\n",
            VisibleText("<dl><dt>Conditions<dd>Asthma<dd>COPD</dl>"));

    [Fact]
    public void A_term_that_ends_in_a_colon_gets_no_second_one() =>
        Assert.Equal("Treatment: Drug: AdMSC\n", VisibleText("<dl><dt>Treatment:</dt><dd>Drug: AdMSC</dd></dl>"));

    [Fact]
    public void A_question_stays_a_line_above_its_answer() =>
        Assert.Equal(
            "Can healthy volunteers participate?\nNo\n",
            VisibleText("<dl><dt>Can healthy volunteers participate?</dt><dd>No</dd></dl>"));

    [Fact]
    public void A_term_without_a_description_stays_as_written() =>
        Assert.Equal("URL der Studie\nAkronym: VIDAPH\n", VisibleText("<dl><dt>URL der Studie</dt><dd></dd><dt>Akronym</dt><dd>VIDAPH</dd></dl>"));

    [Fact]
    public void Groups_wrapped_in_divs_are_still_terms_and_descriptions() =>
        Assert.Equal(
            "Status: Recruiting\nPhase: Phase 3\n",
            VisibleText("<dl><div><dt>Status</dt><dd>Recruiting</dd></div><div><dt>Phase</dt><dd>Phase 3</dd></div></dl>"));

    [Fact]
    public void A_nested_list_keeps_its_terms_apart_from_the_outer_ones() =>
        Assert.Equal(
            "Contact:\nName: Ana Ruiz\nEmail: ana@example.org\nStatus: Recruiting\n",
            VisibleText("<dl><dt>Contact</dt><dd><dl><dt>Name</dt><dd>Ana Ruiz</dd><dt>Email</dt><dd>ana@example.org</dd></dl></dd>"
                + "<dt>Status</dt><dd>Recruiting</dd></dl>"));
}
