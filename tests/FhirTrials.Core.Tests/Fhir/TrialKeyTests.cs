using FhirTrials.Core.Fhir;
using FhirTrials.Core.Records;

namespace FhirTrials.Core.Tests.Fhir;

public sealed class TrialKeyTests
{
    private static TrialRecord With(params TrialIdentifier[] identifiers)
    {
        var record = new TrialRecord { Source = new SourceInfo("a.txt", TestRecords.Hash, DocumentFormat.Text, "labelled-page", "1") };
        record.Identifiers.AddRange(identifiers);
        return record;
    }

    [Fact]
    public void The_NCT_number_wins_over_every_other_id() =>
        Assert.Equal("nct05032131", TrialKey.For(With(
            new TrialIdentifier("2021-000123-45", IdentifierKind.EudraCt), new TrialIdentifier("NCT05032131", IdentifierKind.Nct))));

    [Fact]
    public void Without_NCT_the_EU_CT_number_then_EudraCT_is_used()
    {
        Assert.Equal("euct-2024-518516-39-00", TrialKey.For(With(
            new TrialIdentifier("2021-000123-45", IdentifierKind.EudraCt), new TrialIdentifier("2024-518516-39-00", IdentifierKind.EuCt))));
        Assert.Equal("eudract-2021-000123-45", TrialKey.For(With(new TrialIdentifier("2021-000123-45", IdentifierKind.EudraCt))));
    }

    [Fact]
    public void A_sponsor_protocol_id_is_qualified_by_its_sponsor()
    {
        var first = With(new TrialIdentifier("P-001", IdentifierKind.SponsorProtocol, Assigner: "Acme Pharma"));
        var second = With(new TrialIdentifier("P-001", IdentifierKind.SponsorProtocol, Assigner: "Other Labs"));

        Assert.Equal("sponsor-acme-pharma-p-001", TrialKey.For(first));
        Assert.NotEqual(TrialKey.For(first), TrialKey.For(second));
    }

    [Fact]
    public void A_record_without_any_id_falls_back_to_its_content_hash() =>
        Assert.Equal("doc-3f79bb7b435b0532", TrialKey.For(With()));

    [Fact]
    public void Without_NCT_or_EU_numbers_the_primary_registry_id_wins_over_the_sponsor_protocol() =>
        Assert.Equal("registry-isrctn12345678", TrialKey.For(With(
            new TrialIdentifier("P-001", IdentifierKind.SponsorProtocol, Assigner: "Acme Pharma"),
            new TrialIdentifier("ISRCTN12345678", IdentifierKind.OtherRegistry, Assigner: "ISRCTN"),
            new TrialIdentifier("DRKS00012345", IdentifierKind.OtherRegistry, Assigner: "DRKS"))));

    [Fact]
    public void The_WHO_universal_trial_number_links_registries_before_their_own_ids() =>
        Assert.Equal("utn-u1111-1234-5678", TrialKey.For(With(
            new TrialIdentifier("ACTRN12622000123456", IdentifierKind.OtherRegistry, Assigner: "ANZCTR"),
            new TrialIdentifier("U1111-1234-5678", IdentifierKind.Other, "WHO Universal Trial Number", "WHO"))));
}
