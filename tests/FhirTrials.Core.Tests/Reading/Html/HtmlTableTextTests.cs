using static FhirTrials.Core.Tests.Reading.Html.HtmlTextTests;

namespace FhirTrials.Core.Tests.Reading.Html;

public sealed class HtmlTableTextTests
{
    [Fact]
    public void Table_rows_become_pipe_rows_even_without_end_tags()
    {
        var text = VisibleText("<table><tr><th>Study Type :<td>Interventional<tr><td>Masking:</td><td>None (Open Label)</td></tr></table>");
        Assert.Equal("Study Type : | Interventional |\nMasking: | None (Open Label) |\n", text);
    }

    [Fact]
    public void A_break_in_a_value_cell_separates_two_values() =>
        Assert.Equal(
            "Conditions | Type 2 Diabetes | Obesity |\n",
            VisibleText("<table><tr><th>Conditions</th><td>Type 2 Diabetes<br>Obesity</td></tr></table>"));

    [Fact]
    public void Blocks_and_list_items_in_a_value_cell_separate_values() =>
        Assert.Equal(
            "Conditions | Asthma | COPD |\nInterventions | Drug: A | Drug: B |\n",
            VisibleText("<table><tr><th>Conditions<td><p>Asthma</p><p>COPD</p>"
                + "<tr><th>Interventions<td><ul><li>Drug: A</li><li>Drug: B</li></ul></table>"));

    [Fact]
    public void The_parts_of_a_header_cell_are_one_label() =>
        Assert.Equal(
            "Ages eligible | 18 to 65 years |\n",
            VisibleText("<table><tr><th>Ages<br><small>eligible</small></th><td>18 to 65 years</td></tr></table>"));

    [Fact]
    public void Empty_cells_keep_their_place_and_empty_rows_are_dropped() =>
        Assert.Equal(
            "France | |\nParis | Recruiting |\n",
            VisibleText("<table><tr><td>France</td><td></td></tr><tr><td> </td><td>&nbsp;</td></tr><tr><td>Paris</td><td>Recruiting</td></tr></table>"));

    [Fact]
    public void A_row_of_one_cell_reads_as_lines() =>
        Assert.Equal(
            "Health Condition(s) or Problem(s) studied\nPostoperative Nausea and Vomiting\nCholelithiasis\nMain ID: | TCTR20230915003 |\n",
            VisibleText("<table><tr><td class=section>Health Condition(s) or Problem(s) studied</td></tr>"
                + "<tr><td>Postoperative Nausea and Vomiting<br>Cholelithiasis</td></tr>"
                + "<tr><td>Main ID:</td><td>TCTR20230915003</td></tr></table>"));

    [Fact]
    public void A_layout_table_holding_tables_reads_as_lines_around_its_inner_rows() =>
        Assert.Equal(
            "Menu\nPhase: | Phase 2 |\nStatus: | Recruiting |\n",
            VisibleText("<table><tr><td>Menu</td><td><table><tr><td>Phase:</td><td>Phase 2</td></tr>"
                + "<tr><td>Status:</td><td>Recruiting</td></tr></table></td></tr></table>"));

    [Fact]
    public void A_hidden_cell_does_not_count_as_a_cell() =>
        Assert.Equal(
            "Recruiting\n",
            VisibleText("<table><tr><td>Recruiting</td><td hidden>Closed</td></tr></table>"));
}
