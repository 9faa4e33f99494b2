using System.Text;
using FhirTrials.Core.Reading.Html;

namespace FhirTrials.Core.Tests.Reading.Html;

public sealed class HtmlTextTests
{
    [Fact]
    public void Headings_paragraphs_and_breaks_become_lines()
    {
        var text = HtmlText.Reduce("<h1>Trial  title</h1><p>First\n paragraph</p><div>Line one<br>Line two</div>");
        Assert.Equal("Trial title\nFirst paragraph\nLine one\nLine two\n", text);
    }

    [Fact]
    public void List_items_become_dash_lines_and_nested_lists_are_indented()
    {
        var text = HtmlText.Reduce("<ul><li>Outer one<ul><li>Inner a</li><li>Inner b</ul><li>Outer two</ul>");
        Assert.Equal("- Outer one\n  - Inner a\n  - Inner b\n- Outer two\n", text);
    }

    [Fact]
    public void Table_rows_become_pipe_rows_even_without_end_tags()
    {
        var text = HtmlText.Reduce("<table><tr><th>Study Type :<td>Interventional<tr><td>Masking:</td><td>None (Open Label)</td></tr></table>");
        Assert.Equal("Study Type : | Interventional |\nMasking: | None (Open Label) |\n", text);
    }

    [Theory]
    [InlineData("<script>var a = '<p>not content</p>';</script>")]
    [InlineData("<style>p { color: red }</style>")]
    [InlineData("<noscript><p>Enable JavaScript</p></noscript>")]
    [InlineData("<template><p>row</p></template>")]
    [InlineData("<nav><a href='/'>Home</a></nav>")]
    [InlineData("<footer>© Copyright</footer>")]
    [InlineData("<form><label>Email</label><input name=e></form>")]
    [InlineData("<button>Sign up</button>")]
    [InlineData("<select><option>English</option></select>")]
    [InlineData("<svg><text>icon</text></svg>")]
    [InlineData("<iframe src='x'>frame text</iframe>")]
    [InlineData("<!-- a comment with <p>markup</p> -->")]
    public void Furniture_and_code_are_never_content(string furniture)
    {
        var text = HtmlText.Reduce($"<p>Before</p>{furniture}<p>After</p>");
        Assert.Equal("Before\nAfter\n", text);
    }

    [Theory]
    [InlineData("a &amp; b", "a & b")]
    [InlineData("&lt;50 G/L", "<50 G/L")]
    [InlineData("Menasch&eacute;", "Menasché")]
    [InlineData("&#233;&#xE9;", "éé")]
    [InlineData("age &ge; 18", "age ≥ 18")]
    [InlineData("AT&T and &unknown; stay", "AT&T and &unknown; stay")]
    [InlineData("no&nbsp;break", "no break")]
    public void Entities_are_decoded(string html, string expected) =>
        Assert.Equal(expected + "\n", HtmlText.Reduce($"<p>{html}</p>"));

    [Fact]
    public void Quoted_attributes_may_hold_angle_brackets()
    {
        var text = HtmlText.Reduce("<p title=\"a > b\" data-x='<p>'>Kept</p>");
        Assert.Equal("Kept\n", text);
    }

    [Fact]
    public void Cdata_is_literal_text() =>
        Assert.Equal("x & <y>\n", HtmlText.Reduce("<p><![CDATA[x & <y>]]></p>"));

    [Fact]
    public void Survives_deep_nesting_without_recursion()
    {
        var html = new StringBuilder();
        for (var i = 0; i < 100_000; i++)
        {
            html.Append("<div><span>");
        }

        html.Append("deep");
        Assert.Equal("deep\n", HtmlText.Reduce(html.ToString()));
    }

    [Fact]
    public void Deep_nesting_with_stray_end_tags_and_implied_closes_is_read()
    {
        var html = new StringBuilder("<ul>");
        for (var i = 0; i < 50_000; i++)
        {
            html.Append("<span>");
        }

        for (var i = 0; i < 50_000; i++)
        {
            html.Append("</i><li>item</li><p>");
        }

        var text = HtmlText.Reduce(html.ToString());

        Assert.Equal(50_000, text.Split('\n').Count(l => l == "- item"));
    }

    [Theory]
    [InlineData("<p>Unclosed <b>bold", "Unclosed bold\n")]
    [InlineData("<p>Stray</i> end</p>", "Stray end\n")]
    [InlineData("<p>a < b and c<3", "a < b and c<3\n")]
    [InlineData("<p>Broken <a href=\"x", "Broken\n")]
    [InlineData("<p>Open comment <!-- never closed", "Open comment\n")]
    [InlineData("<script>never closed", "")]
    public void Malformed_markup_never_throws(string html, string expected) =>
        Assert.Equal(expected, HtmlText.Reduce(html));

    [Fact]
    public void Tokenizer_reports_tags_and_text()
    {
        var tokens = HtmlTokenizer.Tokenize("<DIV class=a>Hi<br/></div>").ToList();
        Assert.Equal(
            [
                new HtmlToken(HtmlTokenKind.StartTag, "div"),
                new HtmlToken(HtmlTokenKind.Text, "Hi"),
                new HtmlToken(HtmlTokenKind.StartTag, "br", SelfClosing: true),
                new HtmlToken(HtmlTokenKind.EndTag, "div"),
            ],
            tokens);
    }
}
