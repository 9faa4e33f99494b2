using FhirTrials.Core.Reading.Text;

namespace FhirTrials.Core.Tests.Reading.Text;

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
