using FhirTrials.Core.Reading.Text;
using FhirTrials.Core.Records;

namespace FhirTrials.Core.Tests.Reading.Text;

public sealed class SingleValueReaderTests
{
    [Fact]
    public void A_sponsor_value_without_letters_is_a_number_not_the_sponsor()
    {
        var record = PageTextReader.Read(
            "Title: Example trial\nNCT Number: NCT01234567\nSponsor: 1\nSponsor: Example Health Board\nStatus: Recruiting\n",
            new PageSource("page.txt", "0", DocumentFormat.Text)).Record!;

        Assert.Equal("Example Health Board", record.LeadSponsor?.Name);
    }
}
