using FhirTrials.Core.Reading.Text;

namespace FhirTrials.Core.Tests.Reading.Text;

public sealed class OutcomeLineParserTests
{
    [Fact]
    public void Reads_measure_time_frame_and_description()
    {
        var (measure, timeFrame, description) = OutcomeLineParser.Parse(
            "In each group, evaluation of muscle inflammation control [ Time Frame: At 6 month ]Immunomonitoring of the PBMC");

        Assert.Equal("In each group, evaluation of muscle inflammation control", measure);
        Assert.Equal("At 6 month", timeFrame);
        Assert.Equal("Immunomonitoring of the PBMC", description);
    }

    [Theory]
    [InlineData("Tolerance [Time Frame: day 30]", true)]
    [InlineData("Tolerance [ see protocol ]", false)]
    [InlineData("Tolerance at day 30", false)]
    public void Knows_outcome_lines_by_their_time_frame(string text, bool expected) =>
        Assert.Equal(expected, OutcomeLineParser.HasTimeFrame(text));

    [Fact]
    public void A_bracket_naming_a_time_after_the_measure_is_its_time_frame()
    {
        var (measure, timeFrame, description) = OutcomeLineParser.Parse("Pain score [48 hours after surgery] Visual analogue scale");

        Assert.Equal("Pain score", measure);
        Assert.Equal("48 hours after surgery", timeFrame);
        Assert.Equal("Visual analogue scale", description);
    }

    [Fact]
    public void A_bracket_without_a_time_stays_in_the_measure() =>
        Assert.Equal(("HbA1c [%] change", (string?)null, (string?)null), OutcomeLineParser.Parse("HbA1c [%] change"));
}
