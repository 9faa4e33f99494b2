using FhirTrials.Core.Reading.Text;
using FhirTrials.Core.Records;

namespace FhirTrials.Core.Tests.Reading.Text;

public sealed class IdentifierParserTests
{
    [Fact]
    public void Reads_ids_with_their_type_words_including_nested_parentheses()
    {
        Assert.Equal(
            [("APHP180593", null), ("2020-005876-36", "EudraCT Number")],
            IdentifierParser.ReadList("APHP180593 2020-005876-36 ( EudraCT Number )"));
        Assert.Equal(
            [("2024-518516-39-00", "EU Trial (CTIS) Number")],
            IdentifierParser.ReadList("2024-518516-39-00 (EU Trial (CTIS) Number)"));
    }

    [Theory]
    [InlineData("NCT05032131", null, IdentifierKind.Nct)]
    [InlineData("2020-005876-36", null, IdentifierKind.EudraCt)]
    [InlineData("2022-001844-75", "EUDRACT_NUMBER", IdentifierKind.EudraCt)]
    [InlineData("2024-518516-39-00", null, IdentifierKind.EuCt)]
    [InlineData("2024-518516-39-00", "EU Trial (CTIS) Number", IdentifierKind.EuCt)]
    [InlineData("PHRC-19-0330", "OTHER_GRANT", IdentifierKind.Grant)]
    [InlineData("ISRCTN48213957", null, IdentifierKind.OtherRegistry)]
    [InlineData("DRKS00012345", null, IdentifierKind.OtherRegistry)]
    [InlineData("EXR-2023-07", "Sponsor protocol number", IdentifierKind.SponsorProtocol)]
    [InlineData("APHP230376", null, IdentifierKind.SponsorProtocol)]
    public void Classifies_identifier_kinds(string value, string? typeText, IdentifierKind expected) =>
        Assert.Equal(expected, IdentifierParser.Classify(value, typeText, firstUnqualified: true));

    [Fact]
    public void Only_the_first_unqualified_id_is_taken_as_the_sponsor_protocol() =>
        Assert.Equal(IdentifierKind.Other, IdentifierParser.Classify("ABC-123", null, firstUnqualified: false));

    [Theory]
    [InlineData("NCT05032131", "Nct", null, "NCT05032131")]
    [InlineData("nct05032131", "Nct", null, "NCT05032131")]
    [InlineData("2019-001234-56", "EudraCt", null, "2019-001234-56")]
    [InlineData("EUCTR2019-001234-56-DE", "EudraCt", null, "2019-001234-56")]
    [InlineData("EUCTR2019-001234-56-3RD", "EudraCt", null, "2019-001234-56")]
    [InlineData("2023-501234-12-00", "EuCt", null, "2023-501234-12-00")]
    [InlineData("U1111-1234-5678", "Other", "WHO", "U1111-1234-5678")]
    [InlineData("ISRCTN12345678", "OtherRegistry", "ISRCTN", "ISRCTN12345678")]
    [InlineData("ACTRN12622000123456", "OtherRegistry", "ANZCTR", "ACTRN12622000123456")]
    [InlineData("ACTRN12622000123456p", "OtherRegistry", "ANZCTR", "ACTRN12622000123456p")]
    [InlineData("CTRI/2022/01/039625", "OtherRegistry", "CTRI", "CTRI/2022/01/039625")]
    [InlineData("CTRI/2009/091/000123", "OtherRegistry", "CTRI", "CTRI/2009/091/000123")]
    [InlineData("PACTR202201123456789", "OtherRegistry", "PACTR", "PACTR202201123456789")]
    [InlineData("ChiCTR2100041234", "OtherRegistry", "ChiCTR", "ChiCTR2100041234")]
    [InlineData("ChiCTR-IOR-17012345", "OtherRegistry", "ChiCTR", "ChiCTR-IOR-17012345")]
    [InlineData("ChiCTR-TRC-12002345", "OtherRegistry", "ChiCTR", "ChiCTR-TRC-12002345")]
    [InlineData("ChiMCTR2200001234", "OtherRegistry", "ChiMCTR", "ChiMCTR2200001234")]
    [InlineData("ITMCTR2022000123", "OtherRegistry", "ITMCTR", "ITMCTR2022000123")]
    [InlineData("UMIN000012345", "OtherRegistry", "UMIN-CTR", "UMIN000012345")]
    [InlineData("JPRN-UMIN000012345", "OtherRegistry", "UMIN-CTR", "UMIN000012345")]
    [InlineData("jRCT2031210123", "OtherRegistry", "jRCT", "jRCT2031210123")]
    [InlineData("jRCTs031180001", "OtherRegistry", "jRCT", "jRCTs031180001")]
    [InlineData("JPRN-jRCT1031220456", "OtherRegistry", "jRCT", "jRCT1031220456")]
    [InlineData("JapicCTI-205678", "OtherRegistry", "JapicCTI", "JapicCTI-205678")]
    [InlineData("DRKS00012345", "OtherRegistry", "DRKS", "DRKS00012345")]
    [InlineData("IRCT20150101012345N1", "OtherRegistry", "IRCT", "IRCT20150101012345N1")]
    [InlineData("IRCT201012345678N2", "OtherRegistry", "IRCT", "IRCT201012345678N2")]
    [InlineData("KCT0001234", "OtherRegistry", "CRIS", "KCT0001234")]
    [InlineData("TCTR20200101001", "OtherRegistry", "TCTR", "TCTR20200101001")]
    [InlineData("RBR-2x6jb4", "OtherRegistry", "ReBEC", "RBR-2x6jb4")]
    [InlineData("RBR-1234abc", "OtherRegistry", "ReBEC", "RBR-1234abc")]
    [InlineData("SLCTR/2020/001", "OtherRegistry", "SLCTR", "SLCTR/2020/001")]
    [InlineData("LBCTR2020010123", "OtherRegistry", "LBCTR", "LBCTR2020010123")]
    [InlineData("NTR1234", "OtherRegistry", "LTR", "NTR1234")]
    [InlineData("NL12345", "OtherRegistry", "LTR", "NL12345")]
    [InlineData("PER-012-20", "OtherRegistry", "REPEC", "PER-012-20")]
    [InlineData("RPCEC00000123", "OtherRegistry", "RPCEC", "RPCEC00000123")]
    public void Every_registry_format_is_recognised_with_its_registry_as_assigner(string printed, string kind, string? assigner, string value)
    {
        var identifier = IdentifierParser.Recognise(printed, null, firstUnqualified: false);

        Assert.Equal((Enum.Parse<IdentifierKind>(kind), assigner, value), (identifier.Kind, identifier.Assigner, identifier.Value));
    }

    [Fact]
    public void The_WHO_universal_trial_number_is_typed_as_such() =>
        Assert.Equal("WHO Universal Trial Number", IdentifierParser.Recognise("U1111-1234-5678", null, false).TypeText);

    [Theory]
    [InlineData("ISRCTN1234567")]
    [InlineData("ACTRN1262200012345")]
    [InlineData("CTRI/2022/01/03962")]
    [InlineData("DRKS0001234")]
    [InlineData("KCT00012345")]
    [InlineData("U1111-1234-567")]
    public void Near_misses_of_a_format_are_not_registry_ids(string printed) =>
        Assert.False(IdentifierParser.TryRegistryId(printed, out _));

    [Fact]
    public void A_bare_number_is_a_registry_id_only_when_its_type_words_name_the_registry()
    {
        Assert.Equal(("LTR", IdentifierKind.OtherRegistry), Pair(IdentifierParser.Recognise("NL7654", "Netherlands Trial Register", false)));
        Assert.Equal(IdentifierKind.SponsorProtocol, IdentifierParser.Recognise("2019-001234-56", "Sponsor protocol number", false).Kind);
        Assert.False(IdentifierParser.TryRegistryId("NL12345", out _));
    }

    [Fact]
    public void Type_words_naming_a_registry_give_the_assigner_to_an_id_of_another_form() =>
        Assert.Equal(("DRKS", IdentifierKind.OtherRegistry), Pair(IdentifierParser.Recognise("00012345", "DRKS", false)));

    private static (string?, IdentifierKind) Pair(TrialIdentifier identifier) => (identifier.Assigner, identifier.Kind);
}
