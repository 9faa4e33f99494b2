using FhirTrials.Core.Reading.Text;
using FhirTrials.Core.Records;

namespace FhirTrials.Core.Tests.Reading.Text;

public sealed class OutcomeReaderTests
{
    [Theory]
    [InlineData("Primary outcomes\nIntraoperative blood loss\nTimepoint\nAt the end of surgery\n")]
    [InlineData("Primary outcomes\nIntraoperative blood loss\nTimepoint [1]\nAt the end of surgery\n")]
    [InlineData("Primary outcomes\nIntraoperative blood loss\nTimepoint: At the end of surgery\n")]
    [InlineData("Primary outcomes\nIntraoperative blood loss\nE.5.1.1 | Timepoint(s) of evaluation of this end point | At the end of surgery |\n")]
    public void A_timepoint_child_label_gives_the_measure_above_its_time_frame(string outcomes)
    {
        var text = "Public title: Tranexamic acid in sinus surgery\nTrial id: NCT01234567\nRecruitment status: Recruiting\nPhase: Phase 3\nCondition: Nasal polyps\n" + outcomes;

        var record = PageTextReader.Read(text, new PageSource("page.txt", "0", DocumentFormat.Text)).Record!;

        var outcome = Assert.Single(record.Outcomes);
        Assert.Equal(("Intraoperative blood loss", "At the end of surgery"), (outcome.Measure, outcome.TimeFrame));
    }
}
