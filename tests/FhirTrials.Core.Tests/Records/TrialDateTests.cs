using FhirTrials.Core.Records;

namespace FhirTrials.Core.Tests.Records;

public sealed class TrialDateTests
{
    [Theory]
    [InlineData(2023, null, null, "2023")]
    [InlineData(2023, 10, null, "2023-10")]
    [InlineData(2023, 2, 1, "2023-02-01")]
    public void A_date_prints_at_the_precision_the_source_gave(int year, int? month, int? day, string expected) =>
        Assert.Equal(expected, new TrialDate(year, month, day).ToString());
}
