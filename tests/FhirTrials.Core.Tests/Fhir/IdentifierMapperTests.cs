using FhirTrials.Core.Fhir;
using FhirTrials.Core.Records;
using Hl7.Fhir.Model;

namespace FhirTrials.Core.Tests.Fhir;

public sealed class IdentifierMapperTests
{
    private static List<Identifier> Map(params TrialIdentifier[] identifiers)
    {
        var record = new TrialRecord { Source = new SourceInfo("a.txt", TestRecords.Hash, DocumentFormat.Text, "labelled-page", "1") };
        record.Identifiers.AddRange(identifiers);
        return IdentifierMapper.Map(record);
    }

    [Fact]
    public void A_registry_without_a_published_system_gives_type_text_and_the_registry_as_assigner()
    {
        var identifier = Assert.Single(Map(new TrialIdentifier("ACTRN12622000123456", IdentifierKind.OtherRegistry, Assigner: "ANZCTR")));

        Assert.Null(identifier.System);
        Assert.Equal("ACTRN12622000123456", identifier.Value);
        Assert.Equal("Australian New Zealand Clinical Trials Registry (ANZCTR) ID", identifier.Type!.Text);
        Assert.Equal("ANZCTR", identifier.Assigner!.Display);
    }

    [Fact]
    public void The_page_type_words_win_over_the_registry_name() =>
        Assert.Equal("DRKS-ID", Assert.Single(Map(new TrialIdentifier("DRKS00012345", IdentifierKind.OtherRegistry, "DRKS-ID", "DRKS")))!.Type!.Text);

    [Fact]
    public void The_WHO_universal_trial_number_is_typed_and_assigned_to_WHO()
    {
        var identifier = Assert.Single(Map(new TrialIdentifier("U1111-1234-5678", IdentifierKind.Other, "WHO Universal Trial Number", "WHO")));

        Assert.Equal(("WHO Universal Trial Number", "WHO"), (identifier.Type!.Text, identifier.Assigner!.Display));
    }

    [Fact]
    public void An_NCT_number_keeps_its_published_system_and_is_the_official_id()
    {
        var identifiers = Map(
            new TrialIdentifier("ISRCTN12345678", IdentifierKind.OtherRegistry, Assigner: "ISRCTN"),
            new TrialIdentifier("NCT05032131", IdentifierKind.Nct));

        var nct = identifiers.Single(i => i.Value == "NCT05032131");
        Assert.Equal(("https://clinicaltrials.gov/nctid", Identifier.IdentifierUse.Official), (nct.System, nct.Use));
    }
}
