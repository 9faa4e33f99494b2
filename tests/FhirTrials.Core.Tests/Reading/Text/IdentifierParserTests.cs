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
}
