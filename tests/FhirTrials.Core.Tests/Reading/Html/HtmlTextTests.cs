using FhirTrials.Core.Reading.Html;

namespace FhirTrials.Core.Tests.Reading.Html;

public sealed class HtmlTextTests
{
    [Fact]
    public void Headings_paragraphs_and_breaks_become_lines()
    {
        var text = VisibleText("<h1>Trial  title</h1><p>First\n paragraph</p><div>Line one<br>Line two</div>");
        Assert.Equal("Trial title\nFirst paragraph\nLine one\nLine two\n", text);
    }

    [Fact]
    public void List_items_become_dash_lines_and_nested_lists_are_indented()
    {
        var text = VisibleText("<ul><li>Outer one<ul><li>Inner a</li><li>Inner b</ul><li>Outer two</ul>");
        Assert.Equal("- Outer one\n  - Inner a\n  - Inner b\n- Outer two\n", text);
    }

    [Fact]
    public void Preformatted_text_keeps_its_lines() =>
        Assert.Equal("Arm A\nArm B\n", VisibleText("<pre>Arm A\nArm B</pre>"));

    [Fact]
    public void The_head_and_its_title_are_not_page_text() =>
        Assert.Equal("Body\n", VisibleText("<html><head><title>Site title</title><meta charset=utf-8></head><body><p>Body</p></body></html>"));

    [Theory]
    [InlineData("a &amp; b", "a & b")]
    [InlineData("&lt;50 G/L", "<50 G/L")]
    [InlineData("Menasch&eacute;", "Menasché")]
    [InlineData("&#233;&#xE9;", "éé")]
    [InlineData("age &ge; 18", "age ≥ 18")]
    [InlineData("AT&T and &unknown; stay", "AT&T and &unknown; stay")]
    [InlineData("no&nbsp;break", "no break")]
    public void Entities_are_decoded(string html, string expected) =>
        Assert.Equal(expected + "\n", VisibleText($"<p>{html}</p>"));

    // None of these was in the hand-picked table the reader had before: HTML5 names 2,231 references.
    [Theory]
    [InlineData("PKC&eta;", "PKCη")]
    [InlineData("18 Years &rarr; 75 Years", "18 Years → 75 Years")]
    [InlineData("75&thinsp;mg", "75 mg")]
    [InlineData("&ngE; 2", "≧̸ 2")]
    [InlineData("&Omega;&frac13;&check;&euro;", "Ω⅓✓€")]
    [InlineData("&copy 2024", "© 2024")]
    public void Every_html5_character_reference_is_decoded(string html, string expected) =>
        Assert.Equal(expected + "\n", VisibleText($"<p>{html}</p>"));

    [Fact]
    public void Quoted_attributes_may_hold_angle_brackets() =>
        Assert.Equal("Kept\n", VisibleText("<p title=\"a > b\" data-x='<p>'>Kept</p>"));

    [Theory]
    [InlineData("<p>Unclosed <b>bold", "Unclosed bold\n")]
    [InlineData("<p>Stray</i> end</p>", "Stray end\n")]
    [InlineData("<p>a < b and c<3", "a < b and c<3\n")]
    [InlineData("<p>Broken <a href=\"x", "Broken\n")]
    [InlineData("<p>Open comment <!-- never closed", "Open comment\n")]
    [InlineData("<script>never closed", "")]
    public void Malformed_markup_never_throws(string html, string expected) =>
        Assert.Equal(expected, VisibleText(html));

    [Theory]
    // A new paragraph, item, cell or row closes the one before it, as HTML lets authors omit those end tags.
    [InlineData("<div><p>Status<p>Recruiting</div>", "Status\nRecruiting\n")]
    [InlineData("<ul><li>Asthma<li>COPD</ul>", "- Asthma\n- COPD\n")]
    [InlineData("<table><tr><td>Phase<td>Phase 2<tr><td>Status<td>Recruiting</table>", "Phase | Phase 2 |\nStatus | Recruiting |\n")]
    // Text a table cannot hold is moved before the table, where a browser shows it.
    [InlineData("<table><tr><td>Phase<td>Phase 2</tr>Stray words</table>", "Stray words\nPhase | Phase 2 |\n")]
    // A paragraph cannot hold a table: the table closes it.
    [InlineData("<p>Summary<table><tr><td>Phase<td>Phase 2</table>after", "Summary\nPhase | Phase 2 |\nafter\n")]
    // Misnested formatting is untangled as browsers do, and the words stay in order.
    [InlineData("<p><b>Acute <i>Myeloid</b> Leukemia</i></p>", "Acute Myeloid Leukemia\n")]
    public void Malformed_markup_is_recovered_as_a_browser_does(string html, string expected) =>
        Assert.Equal(expected, VisibleText(html));

    [Fact]
    public void A_page_with_no_visible_text_reduces_to_nothing() =>
        Assert.Equal(string.Empty, VisibleText("<html><head><title>Only a title</title></head><body><script>x()</script></body></html>"));

    internal static string VisibleText(string html)
    {
        var reduced = HtmlText.Reduce(html);
        Assert.Null(reduced.RefusalReason);
        return reduced.Text;
    }
}
