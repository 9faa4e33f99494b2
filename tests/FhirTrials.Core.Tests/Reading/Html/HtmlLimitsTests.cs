using System.Text;
using FhirTrials.Core.Reading;
using FhirTrials.Core.Reading.Html;

namespace FhirTrials.Core.Tests.Reading.Html;

public sealed class HtmlLimitsTests
{
    [Fact]
    public void Nesting_deeper_than_the_limit_is_refused_part_way()
    {
        // 200,000 levels: parsed to the end, the HTML5 tree builder's scope checks would take minutes.
        var html = Repeat("<div><span>", 100_000) + "deep";

        var reduced = HtmlText.Reduce(html);

        Assert.True(reduced.IsRefused);
        Assert.Equal("The HTML nests elements more than 2,048 deep; pages are read up to 2,048 levels.", reduced.RefusalReason);
    }

    [Theory]
    [InlineData(48, false)] // html, body and 48 divs: the innermost div is at level 50
    [InlineData(49, true)]
    public void The_depth_limit_counts_the_root_element_as_level_one(int divs, bool refused)
    {
        var reduced = HtmlText.Reduce(Repeat("<div>", divs) + "deep", new ReaderLimits(MaxHtmlDepth: 50));

        Assert.Equal(refused, reduced.IsRefused);
        Assert.Equal(refused ? string.Empty : "deep\n", reduced.Text);
    }

    [Fact]
    public void Deep_nesting_within_the_limit_is_read() =>
        Assert.Equal("deep\n", HtmlText.Reduce(Repeat("<div><span>", 1_000) + "deep" + Repeat("</span></div>", 1_000)).Text);

    [Fact]
    public void A_tree_far_deeper_than_any_call_stack_is_walked_without_recursion()
    {
        // Tables are scope boundaries, so the parser builds this 80,000-level tree quickly once depth is no limit.
        var limits = new ReaderLimits(MaxHtmlDepth: 100_000);

        var reduced = HtmlText.Reduce(Repeat("<table><tr><td>", 20_000) + "deep", limits);

        Assert.Equal("deep\n", reduced.Text);
    }

    [Fact]
    public void Stray_end_tags_and_implied_closes_under_deep_nesting_are_read()
    {
        var html = "<ul>" + Repeat("<span>", 1_000) + Repeat("</i><li>item</li><p>", 5_000);

        // What is checked is the tree, not the time: a test run sharing a loaded machine may take longer than 5 s.
        var text = HtmlText.Reduce(html, new ReaderLimits(MaxHtmlParseMilliseconds: 120_000)).Text;

        Assert.Equal(5_000, text.Split('\n').Count(l => l == "- item"));
    }

    [Fact]
    public void A_page_of_more_elements_than_the_limit_is_refused()
    {
        var limits = new ReaderLimits(MaxHtmlElements: 100);

        Assert.False(HtmlText.Reduce(Repeat("<p>x", 90), limits).IsRefused);
        Assert.Equal("The HTML has more than 100 elements; pages are read up to 100.", HtmlText.Reduce(Repeat("<p>x", 100), limits).RefusalReason);
    }

    [Fact]
    public void Error_recovery_that_copies_elements_again_and_again_is_stopped_by_the_time_limit()
    {
        // A paragraph closed over 1,000 open formatting elements: HTML reopens all of them in every later paragraph,
        // so 12 KB of markup would make 3,000,000 elements, none of them from a tag of its own.
        var html = "<p>" + string.Concat(Enumerable.Range(0, 1_000).Select(i => $"<b id={i}>")) + "</p>" + Repeat("<p>y</p>", 3_000);

        var reduced = HtmlText.Reduce(html, new ReaderLimits(MaxHtmlParseMilliseconds: 200));

        Assert.Equal("The HTML could not be parsed within 200 ms; pages are read only within that time.", reduced.RefusalReason);
    }

    [Fact]
    public void A_parse_longer_than_the_time_limit_is_refused()
    {
        var html = Repeat("<p>Inclusion criterion <b>one</b> of many</p>", 100_000);

        var reduced = HtmlText.Reduce(html, new ReaderLimits(MaxHtmlParseMilliseconds: 1));

        Assert.Equal("The HTML could not be parsed within 1 ms; pages are read only within that time.", reduced.RefusalReason);
    }

    [Fact]
    public void The_limits_of_one_page_do_not_carry_over_to_the_next()
    {
        Assert.True(HtmlText.Reduce(Repeat("<div>", 60), new ReaderLimits(MaxHtmlDepth: 50)).IsRefused);

        Assert.Equal("Status: Recruiting\n", HtmlText.Reduce("<p>Status: Recruiting</p>").Text);
        Assert.Equal("Status: Recruiting\n", HtmlText.Reduce("<p>Status: Recruiting</p>", new ReaderLimits(MaxHtmlDepth: 50)).Text);
    }

    private static string Repeat(string value, int count) => new StringBuilder(value.Length * count).Insert(0, value, count).ToString();
}
