using System.Xml.Linq;
using FhirTrials.Core.Fhir;

namespace FhirTrials.Core.Tests.Fhir;

public sealed class NarrativeBuilderTests
{
    [Fact]
    public void Markup_in_values_is_escaped_not_interpreted()
    {
        var xhtml = new NarrativeBuilder("Title <b>").Row("Name", "<script>alert('x')</script> & co").ToXhtml();

        Assert.StartsWith("<div xmlns=\"http://www.w3.org/1999/xhtml\">", xhtml, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", xhtml, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert('x')&lt;/script&gt; &amp; co", xhtml, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_values_and_lists_leave_nothing_behind()
    {
        var xhtml = new NarrativeBuilder("T").Row("Empty", " ").List("None", []).Paragraph(null).ToXhtml();

        Assert.Equal("<div xmlns=\"http://www.w3.org/1999/xhtml\"><h3>T</h3></div>", xhtml);
    }

    [Fact]
    public void Control_characters_that_XML_cannot_carry_are_removed()
    {
        var xhtml = new NarrativeBuilder("T").Paragraph("a\u0001b\u000Bc").ToXhtml();

        Assert.Contains("<p>abc</p>", xhtml, StringComparison.Ordinal);
    }

    [Fact]
    public void A_table_closes_before_a_paragraph_or_list_and_a_new_one_opens_for_later_rows()
    {
        var xhtml = new NarrativeBuilder("T").Row("A", "1").Paragraph("p").Row("B", "2").List("L", ["x"]).Row("C", "3").ToXhtml();

        Assert.Equal(
            "<div xmlns=\"http://www.w3.org/1999/xhtml\"><h3>T</h3><table><tr><th>A</th><td>1</td></tr></table><p>p</p>"
            + "<table><tr><th>B</th><td>2</td></tr></table><p><b>L</b></p><ul><li>x</li></ul><table><tr><th>C</th><td>3</td></tr></table></div>",
            xhtml);
    }

    [Fact]
    public void Carriage_returns_become_line_feeds()
    {
        var xhtml = new NarrativeBuilder("T").Paragraph("a\r\nb\rc\nd\r").ToXhtml();

        Assert.Contains("<p>a\nb\nc\nd\n</p>", xhtml, StringComparison.Ordinal);
    }

    [Fact]
    public void The_div_can_be_taken_before_more_rows_are_added()
    {
        var builder = new NarrativeBuilder("T").Row("A", "1");
        var first = builder.ToXhtml();
        var second = builder.Row("B", "2").ToXhtml();

        Assert.EndsWith("<tr><th>A</th><td>1</td></tr></table></div>", first, StringComparison.Ordinal);
        Assert.EndsWith("<tr><th>A</th><td>1</td></tr><tr><th>B</th><td>2</td></tr></table></div>", second, StringComparison.Ordinal);
    }

    [Fact]
    public void The_markup_equals_what_an_XML_writer_makes_of_the_same_elements()
    {
        const string text = "Quotes \" ' & <b>bold</b> > tab\there, Menasché 🧬, ]]> line\none";
        XNamespace ns = "http://www.w3.org/1999/xhtml";
        var expected = new XElement(ns + "div",
            new XElement(ns + "h3", text),
            new XElement(ns + "table", new XElement(ns + "tr", new XElement(ns + "th", text), new XElement(ns + "td", text))),
            new XElement(ns + "p", new XElement(ns + "b", text)),
            new XElement(ns + "ul", new XElement(ns + "li", text), new XElement(ns + "li", text)),
            new XElement(ns + "p", text)).ToString(SaveOptions.DisableFormatting);

        var xhtml = new NarrativeBuilder(text).Row(text, text).List(text, [text, null, text]).Paragraph(text).ToXhtml();

        Assert.Equal(expected, xhtml);
    }
}
