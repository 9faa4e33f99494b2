using FhirTrials.Core.Reading.Text;
using FhirTrials.Core.Records;

namespace FhirTrials.Core.Tests.Reading.Text;

public sealed class RegistryIdScannerTests
{
    private static PageReadResult Read(string text) => PageTextReader.Read(text, new PageSource("page.txt", "0", DocumentFormat.Text));

    [Fact]
    public void A_registry_page_without_an_NCT_number_is_read_with_its_own_id_first()
    {
        var record = Read("""
            ISRCTN12345678 DOI 10.1186/ISRCTN12345678
            Walking after hip fracture, a randomised trial of home physiotherapy
            Recruitment status: Recruiting
            Secondary identifying numbers: NCT05032131, IRAS 301234
            """).Record!;

        Assert.Equal(("ISRCTN12345678", IdentifierKind.OtherRegistry, "ISRCTN"), (record.Identifiers[0].Value, record.Identifiers[0].Kind, record.Identifiers[0].Assigner));
        Assert.Contains(record.Identifiers, i => i is { Value: "NCT05032131", Kind: IdentifierKind.Nct });
        Assert.Equal("Walking after hip fracture, a randomised trial of home physiotherapy", record.BriefTitle);
    }

    [Fact]
    public void A_partial_page_with_a_registry_id_and_a_title_is_a_trial_document()
    {
        var result = Read("""
            Public title: Ginger tea for nausea in early pregnancy
            Trial ID: ACTRN12622000123456p
            """);

        Assert.Null(result.RejectionReason);
        Assert.Equal("ANZCTR", Assert.Single(result.Record!.Identifiers).Assigner);
    }

    [Theory]
    [InlineData("Registered with the German Clinical Trials Register under DRKS00012345.", "DRKS00012345", "DRKS")]
    [InlineData("Trial registration: CTRI/2022/01/039625", "CTRI/2022/01/039625", "CTRI")]
    [InlineData("WHO UTN: U1111-1234-5678", "U1111-1234-5678", "WHO")]
    [InlineData("EudraCT number 2019-001234-56 (EU Clinical Trials Register)", "2019-001234-56", null)]
    public void An_id_beside_its_registry_name_or_a_registration_word_is_read(string line, string value, string? assigner)
    {
        var record = Read($"""
            Cold water swimming and mood: a feasibility study
            {line}
            Recruitment status: Recruiting
            """).Record!;

        var identifier = Assert.Single(record.Identifiers, i => i.Value == value);
        Assert.Equal(assigner, identifier.Assigner);
    }

    [Fact]
    public void A_trial_cited_in_a_description_is_not_this_trial()
    {
        var record = Read("""
            Public title: Second trial of cold water swimming for mood
            Trial ID: DRKS00099999
            Description:
            Our first trial (registered as DRKS00012345, ISRCTN12345678) showed that swimming in cold water lifts the mood of adults.
            """).Record!;

        Assert.Equal(["DRKS00099999"], record.Identifiers.Select(i => i.Value));
    }

    [Theory]
    [InlineData("Cookies: we use cookies to improve this site\nContact: info@example.org\nOpening hours: 9 to 5")]
    [InlineData("Our newsletter, March issue\nProtocol number: ABC-123\nPlease write to us")]
    public void A_page_with_no_registry_id_and_few_trial_sections_is_refused(string text)
    {
        var result = Read(text);

        Assert.Null(result.Record);
        Assert.Contains("does not look like a clinical trial page", result.RejectionReason, StringComparison.Ordinal);
    }
}
