using FhirTrials.Core.Reading.EuCtr;

namespace FhirTrials.Core.Tests.Reading.EuCtr;

public sealed class EuCtrCriteriaTests
{
    [Fact]
    public void Numbered_items_keep_sub_bullets_on_their_own_lines_and_join_wrapped_lines()
    {
        var items = EuCtrCriteria.Split("1.\tAdults with\nasthma;\n2. Lab values:\n-\tHb > 10\n- 1.5 mg/dL or less");

        Assert.Equal(["Adults with asthma;", "Lab values:\n- Hb > 10\n- 1.5 mg/dL or less"], items);
    }

    [Fact]
    public void Text_before_the_first_number_and_short_sub_headings_after_a_blank_line_are_not_criteria()
    {
        var items = EuCtrCriteria.Split("Patients are eligible if:\n1. Age 18 or over\n\nOther inclusion criteria\n2. Consent given\n\nDetails are in the protocol appendix, section 4.");

        Assert.Equal(["Age 18 or over", "Consent given\nDetails are in the protocol appendix, section 4."], items);
    }

    [Fact]
    public void Unnumbered_text_gives_no_items_so_the_shared_splitter_can_read_it()
    {
        Assert.Empty(EuCtrCriteria.Split("- Adults\n- Written consent"));
    }
}
