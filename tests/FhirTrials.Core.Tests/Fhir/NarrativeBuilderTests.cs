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
}
