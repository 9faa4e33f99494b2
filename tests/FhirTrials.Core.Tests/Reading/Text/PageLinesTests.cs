using FhirTrials.Core.Reading.Text;

namespace FhirTrials.Core.Tests.Reading.Text;

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
