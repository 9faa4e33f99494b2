using System.Text;
using FhirTrials.Core.Reading.Text;
using FhirTrials.Core.Records;

namespace FhirTrials.Core.Tests.Reading.Text;

public sealed class PageTextReaderTests
{
    [Fact]
    public void The_html_version_of_a_seed_reads_to_the_same_record_as_its_text()
    {
        var fromText = SeedExpectationTests.ReadSeed("veeva-NCT07326033");
        var html = File.ReadAllText(SeedExpectationTests.SeedPath("veeva-NCT07326033.html"));
        var fromHtml = PageTextReader.ReadHtml(html, new PageSource("veeva-NCT07326033.html", "0", DocumentFormat.Html)).Record!;

        Assert.Equal(DocumentFormat.Html, fromHtml.Source.Format);
        Assert.Equal(WithoutSource(fromText), WithoutSource(fromHtml));
    }

    [Fact]
    public void A_recipe_is_rejected_with_a_reason()
    {
        var result = PageTextReader.Read(File.ReadAllText(UnseenLayoutTests.PagePath("recipe.txt")), new PageSource("recipe.txt", "0", DocumentFormat.Text));

        Assert.Null(result.Record);
        Assert.Contains("does not look like a clinical trial page", result.RejectionReason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("   \n\n  ", "empty")]
    [InlineData("PK\u0003\u0004\0\0binary", "binary")]
    public void Empty_and_binary_documents_are_rejected(string text, string reason)
    {
        var result = PageTextReader.Read(text, new PageSource("x", "0", DocumentFormat.Text));

        Assert.Null(result.Record);
        Assert.Contains(reason, result.RejectionReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Related_trials_on_the_aggregator_page_are_not_this_trial()
    {
        var record = SeedExpectationTests.ReadSeed("aggregator-NCT05774509");

        Assert.Equal("NCT05774509", record.NctId);
        Assert.DoesNotContain(record.Identifiers, i => i.Value is "NCT00927784" or "NCT01242891" or "NCT00583661" or "NCT01829750" or "NCT05771987");
        Assert.DoesNotContain("EXCOR", record.BriefTitle, StringComparison.Ordinal);
    }

    [Fact]
    public void A_trial_mentioned_in_the_description_is_not_this_trial()
    {
        var record = SeedExpectationTests.ReadSeed("veeva-NCT05947682");

        Assert.Equal(["NCT05947682"], record.Identifiers.Where(i => i.Kind == IdentifierKind.Nct).Select(i => i.Value));
        Assert.Contains("NCT02213705", record.BriefSummary, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("officialTitle", 26, 26)]
    [InlineData("status", 6, 6)]
    [InlineData("identifiers[2]", 84, 84)]
    [InlineData("eligibility.inclusion[0]", 48, 48)]
    [InlineData("eligibility.exclusion[16]", 69, 69)]
    [InlineData("briefSummary", 15, 16)]
    [InlineData("outcomes[4]", 41, 41)]
    [InlineData("arms[0]", 33, 36)]
    [InlineData("centralContacts[1]", 74, 74)]
    [InlineData("locations[0]", 76, 79)]
    [InlineData("conditionMeshTerms[5]", 99, 99)]
    public void Provenance_points_at_the_lines_a_value_came_from(string field, int first, int last)
    {
        var record = SeedExpectationTests.ReadSeed("ctgov-classic-NCT05032131");

        Assert.Contains(new FieldSource(field, first, last), record.Provenance);
    }

    [Fact]
    public void Every_value_of_a_seed_has_provenance()
    {
        var record = SeedExpectationTests.ReadSeed("veeva-NCT05947682");
        var fields = record.Provenance.Select(p => p.Field).ToHashSet();

        Assert.Contains("briefTitle", fields);
        Assert.Contains("acronym", fields);
        Assert.Contains("status", fields);
        Assert.Contains("enrollment", fields);
        Assert.Contains("leadSponsor", fields);
        Assert.Contains("leadSponsor.class", fields);
        Assert.Contains("eligibility.healthyVolunteers", fields);
        Assert.Contains(new FieldSource("briefSummary", 41, 49), record.Provenance);
        Assert.Equal(record.Eligibility.Exclusion.Count, fields.Count(f => f.StartsWith("eligibility.exclusion[", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_value_that_does_not_normalise_is_reported_with_its_field()
    {
        var record = Read("Title: A trial of things\nNCT ID: NCT01234567\nStatus: Paused for lunch\nPhase: Phase 2\nStart Date: 31/02/2024\nConditions: Gout\n");

        Assert.Null(record.Status);
        Assert.Contains(record.Warnings, w => w.Message.Contains("Paused for lunch", StringComparison.Ordinal) && w.Line == 3);
        Assert.Contains(record.Warnings, w => w.Field == "dates.start" && w.Message.Contains("31/02/2024", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unknown_label_is_reported_and_its_value_is_not_taken_as_another_field()
    {
        var record = Read("Title: A trial of things\nNCT ID: NCT01234567\nPhase: Phase 2\nConditions: Gout\nInsurance: Wellcome Trust\n");

        Assert.Equal(["Gout"], record.Conditions);
        Assert.Contains(record.Warnings, w => w.Message.Contains("Insurance", StringComparison.Ordinal) && w.Line == 5);
    }

    [Theory]
    [InlineData("Source URL: https://registry.example.org/trials/42\nTitle: A trial of things\nNCT ID: NCT01234567\n", "https://registry.example.org/trials/42")]
    [InlineData("https://registry.example.org/trials/42\nTitle: A trial of things\nNCT ID: NCT01234567\n", "https://registry.example.org/trials/42")]
    [InlineData("Title: A trial of things\nNCT ID: NCT01234567\nReferences: See https://doi.org/10.1000/x\n", null)]
    public void The_page_url_comes_from_its_label_or_the_top_of_the_page(string text, string? url) =>
        Assert.Equal(url, Read(text).Source.SourceUrl);

    [Fact]
    public void Conflicting_values_keep_the_first_and_are_reported()
    {
        var record = Read("Title: A trial of things\nNCT ID: NCT01234567\nStatus: Recruiting\nPhase: Phase 2\nConditions: Gout\nRecruitment Status: Completed\n");

        Assert.Equal(RecruitmentStatus.Recruiting, record.Status);
        Assert.Contains(record.Warnings, w => w.Field == "status" && w.Message.Contains("Completed", StringComparison.Ordinal));
    }

    [Fact]
    public void Fifty_thousand_criteria_lines_and_a_huge_single_line_are_read()
    {
        var page = new StringBuilder("Title: Big trial\nNCT ID: NCT01234567\nInclusion Criteria:\n");
        for (var i = 0; i < 50_000; i++)
        {
            page.Append("- criterion ").Append(i).Append('\n');
        }

        page.Append("Description: ").Append('x', 20_000_000).Append('\n');
        var record = Read(page.ToString());

        Assert.Equal(50_000, record.Eligibility.Inclusion.Count);
        Assert.Equal(20_000_000, record.DetailedDescription!.Length);
    }

    private static TrialRecord Read(string text) =>
        PageTextReader.Read(text, new PageSource("inline.txt", "0", DocumentFormat.Text)).Record!;

    private static string WithoutSource(TrialRecord record)
    {
        var json = System.Text.Json.Nodes.JsonNode.Parse(RecordJson.Serialize(record))!.AsObject();
        json.Remove("source");

        // Warnings point at lines, and the HTML's lines are not the text's.
        foreach (var warning in json["warnings"]?.AsArray() ?? [])
        {
            warning!.AsObject().Remove("line");
            warning["message"] = System.Text.RegularExpressions.Regex.Replace(warning["message"]!.GetValue<string>(), @"line \d+", "line N");
        }

        return RecordJson.Flatten(json.ToJsonString());
    }
}
