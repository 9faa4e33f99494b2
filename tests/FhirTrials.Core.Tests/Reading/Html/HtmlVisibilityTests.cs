using FhirTrials.Core.Reading.Html;
using static FhirTrials.Core.Tests.Reading.Html.HtmlTextTests;

namespace FhirTrials.Core.Tests.Reading.Html;

public sealed class HtmlVisibilityTests
{
    [Theory]
    [InlineData("<script>var a = '<p>not content</p>';</script>")]
    [InlineData("<style>p { color: red }</style>")]
    [InlineData("<noscript><p>Enable JavaScript</p></noscript>")]
    [InlineData("<template><p>row</p></template>")]
    [InlineData("<nav><a href='/'>Home</a></nav>")]
    [InlineData("<footer>© Copyright</footer>")]
    [InlineData("<form><label>Email</label><input name=e><button>Sign up</button></form>")]
    [InlineData("<button>Sign up</button>")]
    [InlineData("<select><option>English</option></select>")]
    [InlineData("<textarea>Your message</textarea>")]
    [InlineData("<svg><text>icon</text></svg>")]
    [InlineData("<iframe src='x'>frame text</iframe>")]
    [InlineData("<dialog>Accept cookies?</dialog>")]
    [InlineData("<!-- a comment with <p>markup</p> -->")]
    public void Furniture_and_code_are_never_content(string furniture) =>
        Assert.Equal("Before\nAfter\n", VisibleText($"<p>Before</p>{furniture}<p>After</p>"));

    [Theory]
    [InlineData("<section hidden><h2>Results</h2><p>Completed</p></section>")]
    [InlineData("<div hidden=\"until-found\">Completed</div>")]
    [InlineData("<div aria-hidden=\"true\">Completed</div>")]
    [InlineData("<div aria-hidden=\" TRUE \">Completed</div>")]
    [InlineData("<div style=\"display:none\">Completed</div>")]
    [InlineData("<div style=\"color: red; DISPLAY : None !important\">Completed</div>")]
    [InlineData("<div style=\"visibility: hidden\">Completed</div>")]
    [InlineData("<table><tr style=\"visibility:collapse\"><td>Status</td><td>Completed</td></tr></table>")]
    public void Content_the_page_hides_is_not_text(string hidden) =>
        Assert.Equal("Status: Recruiting\n", VisibleText($"<p>Status: Recruiting</p>{hidden}"));

    [Theory]
    [InlineData("<div aria-hidden=\"false\">Shown</div>")]
    [InlineData("<div style=\"display: block\">Shown</div>")]
    [InlineData("<div style=\"visibility: visible\">Shown</div>")]
    [InlineData("<div data-hidden=\"true\">Shown</div>")]
    [InlineData("<div style=\"content: 'display:none'\">Shown</div>")]
    public void Content_that_is_not_hidden_is_text(string shown) =>
        Assert.Equal("Shown\n", VisibleText(shown));

    [Fact]
    public void Hidden_text_inside_a_value_is_left_out_of_it() =>
        Assert.Equal("Status: Open\n", VisibleText("<p>Status: Open<span hidden> (Closed to new patients)</span></p>"));

    [Fact]
    public void A_page_wrapped_in_a_form_is_read_without_its_controls()
    {
        // ASP.NET pages put the whole page in one form.
        var text = VisibleText("<form id=aspnetForm><input type=hidden name=__VIEWSTATE value=x><h2>Trial</h2>"
            + "<table><tr><td>Main ID:</td><td>TCTR20230915003</td></tr></table><label>Search</label><button>Go</button></form>");

        Assert.Equal("Trial\nMain ID: | TCTR20230915003 |\n", text);
    }

    [Fact]
    public void A_label_outside_a_form_is_text() =>
        Assert.Equal("Recruitment status\nRecruiting\n", VisibleText("<div><label>Recruitment status</label></div><p>Recruiting</p>"));

    [Theory]
    [InlineData("display:none", true)]
    [InlineData("display: none;", true)]
    [InlineData(" Visibility : Collapse ", true)]
    [InlineData("display:none!important", true)]
    [InlineData("display: inline-block", false)]
    [InlineData("displayed: none", false)]
    [InlineData("", false)]
    public void Inline_styles_that_hide(string style, bool hides) =>
        Assert.Equal(hides, HtmlVisibility.HidesByStyle(style));
}
