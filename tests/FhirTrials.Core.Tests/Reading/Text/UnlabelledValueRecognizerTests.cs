using FhirTrials.Core.Reading.Text;
using FhirTrials.Core.Records;

namespace FhirTrials.Core.Tests.Reading.Text;

public sealed class UnlabelledValueRecognizerTests
{
    internal static TrialRecord Read(string text) =>
        PageTextReader.Read(text, new PageSource("page.txt", "0", DocumentFormat.Text)).Record!;

    internal static IEnumerable<ReadWarning> Inferred(TrialRecord record, string field) =>
        record.Warnings.Where(w => w.Field == field && w.Message.Contains(RecordWriter.InferredFrom, StringComparison.Ordinal));

    [Fact]
    public void Design_wording_in_a_value_block_is_not_a_condition_but_a_disease_name_is()
    {
        var record = Read("Efficacy of Drug X in Adults With Asthma\nNCT Number: NCT01234567\nKey information\nDouble-blind placebo-controlled\nCommunity Outreach Programme\nSevere Asthma\n");

        Assert.Equal(["Severe Asthma"], record.Conditions);
        Assert.Single(Inferred(record, "conditions"));
    }

    [Fact]
    public void A_name_the_title_also_holds_is_evidence_for_a_condition()
    {
        var record = Read("Exercise Programmes for Long Covid Fatigue\nNCT Number: NCT01234567\nKey information\nLong Covid Fatigue\n");

        Assert.Equal(["Long Covid Fatigue"], record.Conditions);
    }

    [Fact]
    public void Every_value_inferred_from_an_unlabelled_line_carries_a_warning_with_its_field_and_the_line_quoted()
    {
        var record = Read("A Study of Drug X in Gout\nNCT Number: NCT01234567\nKey information\nRECRUITING\nPhase 2\n120 participants\nAll\n18 Years\nInterventional\nNorthbridge University Hospital\n");

        Assert.Equal(RecruitmentStatus.Recruiting, record.Status);
        foreach (var (field, quoted) in new[]
        {
            ("status", "RECRUITING"), ("phases", "Phase 2"), ("enrollment", "120 participants"), ("eligibility.sex", "All"),
            ("eligibility.minimumAge", "18 Years"), ("studyType", "Interventional"), ("leadSponsor", "Northbridge University Hospital"),
        })
        {
            var warning = Assert.Single(Inferred(record, field));
            Assert.Contains($"'{quoted}'", warning.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_labelled_value_is_kept_and_the_unlabelled_one_is_neither_taken_nor_reported_as_inferred()
    {
        var record = Read("A Study of Drug X in Gout\nKey information\nRecruiting\nStatus: Completed\nNCT Number: NCT01234567\n");

        Assert.Equal(RecruitmentStatus.Completed, record.Status);
        Assert.Empty(Inferred(record, "status"));
        Assert.Contains(record.Warnings, w => w.Field == "status" && w.Message.Contains("Conflicting", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("patients are treated at the university clinic")]
    [InlineData("Research")]
    [InlineData("Double-blind placebo-controlled")]
    public void A_line_without_the_shape_of_an_organisation_is_not_the_sponsor(string line)
    {
        var record = Read($"A Study of Drug X in Gout\nNCT Number: NCT01234567\nKey information\n{line}\n");

        Assert.Null(record.LeadSponsor);
    }

    [Fact]
    public void A_bare_number_or_number_range_is_no_evidence_of_an_age_or_a_count()
    {
        var record = Read("A Study of Drug X in Gout\nNCT Number: NCT01234567\nKey information\n24-187\n2318\n");

        Assert.Null(record.Eligibility.MinimumAge);
        Assert.Null(record.Eligibility.MaximumAge);
        Assert.Null(record.Enrollment);
    }
}
