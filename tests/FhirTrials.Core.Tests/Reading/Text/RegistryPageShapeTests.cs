using FhirTrials.Core.Reading.Text;
using FhirTrials.Core.Records;

namespace FhirTrials.Core.Tests.Reading.Text;

/// <summary>Shapes the registries give their values: several languages, one sex a line, expected then actual values.</summary>
public sealed class RegistryPageShapeTests
{
    private static TrialRecord Read(string text) => PageTextReader.Read(text, new PageSource("page.txt", "0", DocumentFormat.Text)).Record!;

    [Fact]
    public void A_value_in_several_languages_is_read_in_its_first_language()
    {
        var record = Read("""
            Identificação do ensaio: RBR-6kq9dw3t
            Título público:
            pt-br
            Melatonina à noite para prevenir delirium
            en
            Night-time melatonin to prevent delirium
            Condições de saúde:
            pt-br
            Delirium
            en
            Delirium in older adults
            Situação:
            Recrutando
            """);

        Assert.Equal("Melatonina à noite para prevenir delirium", record.BriefTitle);
        Assert.Equal(["Delirium"], record.Conditions);
        Assert.Equal((RecruitmentStatus.Recruiting, "Recrutando"), (record.Status, record.StatusText));
    }

    [Fact]
    public void Sexes_given_one_a_line_are_one_statement()
    {
        var record = Read("EU CT number: 2022-500987-41-00\nFull title: A trial of radiotherapy\nGender\nFemale\nMale\n");

        Assert.Equal(Sex.All, record.Eligibility.Sex);
    }

    [Fact]
    public void The_actual_date_and_count_replace_the_expected_ones()
    {
        var record = Read("""
            IRCT registration number: IRCT20190712044181N3
            Public title: Topical tranexamic acid for sinus surgery
            Expected recruitment start date: 2023-06-10, 1402/03/20
            Actual recruitment start date: 2023-06-17, 1402/03/27
            Target sample size: 80
            Actual sample size reached: 78
            """);

        Assert.Equal(new TrialDate(2023, 6, 17, DateKind.Actual), record.Dates.Start);
        Assert.Equal(new Enrollment(78, EnrollmentKind.Actual), record.Enrollment);
    }

    [Fact]
    public void An_id_with_a_space_under_an_id_label_is_one_id()
    {
        var record = Read("Titre de l'étude: Essai de radiothérapie chez les patients âgés\nNuméro de l'étude: CSET 4388\nIndication: Cancer ORL\n");

        Assert.Equal(("CSET 4388", IdentifierKind.SponsorProtocol), (record.Identifiers[0].Value, record.Identifiers[0].Kind));
    }

    [Fact]
    public void An_ambiguous_date_takes_the_order_of_the_page_other_dates_with_a_warning()
    {
        var record = Read("CTRI Number: CTRI/2023/06/054318 [Registered on: 19/06/2023]\nPublic Title of Study: A nose spray trial\nDate of First Enrollment (India): 07/08/2023\n");

        Assert.Equal(new TrialDate(2023, 8, 7), record.Dates.Start);
        Assert.Contains(record.Warnings, w => w.Field == "dates.start" && w.Message.Contains("day first", StringComparison.Ordinal));
    }

    [Fact]
    public void A_page_with_no_unambiguous_date_keeps_an_ambiguous_one_unread()
    {
        var record = Read("CTRI Number: CTRI/2023/06/054318\nPublic Title of Study: A nose spray trial\nDate of First Enrollment (India): 07/08/2023\n");

        Assert.Null(record.Dates.Start);
    }
}
