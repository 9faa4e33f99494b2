using FhirTrials.Core.Reading.Text;
using FhirTrials.Core.Records;

namespace FhirTrials.Core.Tests.Reading.Text;

public sealed class DisclosureReaderTests
{
    [Fact]
    public void A_sentence_saying_there_is_no_plan_to_share_reads_as_plan_no()
    {
        var text = "Public title: Acupuncture for knee pain\nTrial id: NCT01234567\nRecruitment status: Recruiting\nPhase: Phase 3\n" +
            "Condition: Knee osteoarthritis\nPlan to share IPD\nNo plan to share individual participant data.\n";

        var record = PageTextReader.Read(text, new PageSource("page.txt", "0", DocumentFormat.Text)).Record!;

        Assert.Equal(IpdPlan.No, record.IpdSharing?.Plan);
    }
}
