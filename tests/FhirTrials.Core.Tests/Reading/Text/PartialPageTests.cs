using FhirTrials.Core.Reading.Text;
using FhirTrials.Core.Records;

namespace FhirTrials.Core.Tests.Reading.Text;

public sealed class PartialPageTests
{
    [Theory]
    [MemberData(nameof(SeedExpectationTests.Seeds), MemberType = typeof(SeedExpectationTests))]
    public void A_seed_cut_anywhere_reads_without_failing_and_gives_a_record_once_its_id_and_title_are_in(string seed)
    {
        var text = File.ReadAllText(SeedExpectationTests.SeedPath(seed + ".txt"));
        var full = SeedExpectationTests.ReadSeed(seed);
        var idAt = text.IndexOf(full.NctId!, StringComparison.Ordinal) + full.NctId!.Length;
        var titleAt = text.IndexOf(full.BriefTitle!, StringComparison.Ordinal) + full.BriefTitle!.Length;
        for (var cut = 1; cut < text.Length; cut += Math.Max(1, text.Length / 60))
        {
            var result = PageTextReader.Read(text[..cut], new PageSource(seed, "0", DocumentFormat.Text));
            if (cut >= Math.Max(idAt, titleAt))
            {
                Assert.NotNull(result.Record);
                Assert.Equal(full.NctId, result.Record.NctId);
            }
        }
    }

    [Fact]
    public void A_page_cut_mid_sentence_is_read_as_far_as_it_goes_with_a_warning()
    {
        var record = UnlabelledValueRecognizerTests.Read(
            "A Study of Drug X in Gout\nNCT Number: NCT01234567\nStatus: Recruiting\nInclusion Criteria:\n- Adults with gout\n- At least two flares in the last year and");

        Assert.Equal(RecruitmentStatus.Recruiting, record.Status);
        Assert.Equal(["Adults with gout", "At least two flares in the last year and"], record.Eligibility.Inclusion);
        Assert.Contains(record.Warnings, w => w.Message.Contains("looks cut off", StringComparison.Ordinal) && w.Line == 6);
    }

    [Fact]
    public void A_page_that_ends_on_a_label_says_so()
    {
        var record = UnlabelledValueRecognizerTests.Read("A Study of Drug X in Gout\nNCT Number: NCT01234567\nStatus: Recruiting\nExclusion Criteria\n");

        Assert.Contains(record.Warnings, w => w.Message.Contains("looks cut off", StringComparison.Ordinal) && w.Line == 4);
    }

    [Fact]
    public void A_complete_page_gets_no_truncation_warning()
    {
        var record = UnlabelledValueRecognizerTests.Read(
            "A Study of Drug X in Gout\nNCT Number: NCT01234567\nBrief Summary: This trial tests drug X in adults with gout.\nConditions\nGout\nHyperuricaemia\n");

        Assert.DoesNotContain(record.Warnings, w => w.Message.Contains("looks cut off", StringComparison.Ordinal));
    }
}
