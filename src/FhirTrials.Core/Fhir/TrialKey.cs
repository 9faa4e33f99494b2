using FhirTrials.Core.Records;

namespace FhirTrials.Core.Fhir;

/// <summary>
/// The stable key of a trial, the stem of its resource ids: the NCT number when there is one (most sources share it),
/// else the EU CT number, the EudraCT number, the WHO Universal Trial Number, the first other registry id the page gives (its primary registry's:
/// ISRCTN..., ACTRN..., DRKS...), the sponsor's protocol id (with the sponsor, as protocol ids are only unique per
/// sponsor), and last the source document's content hash. Registry ids come before the sponsor's because a registry
/// guarantees them unique; the EU numbers before other registries' because EU trials are registered there and also
/// elsewhere, so the same trial read from ISRCTN and from the EU register gets one key.
/// </summary>
public static class TrialKey
{
    public static string For(TrialRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (First(record, IdentifierKind.Nct) is { } nct)
        {
            return FhirIds.Slug(nct);
        }

        if (First(record, IdentifierKind.EuCt) is { } euCt)
        {
            return FhirIds.Make("euct", euCt);
        }

        if (First(record, IdentifierKind.EudraCt) is { } eudraCt)
        {
            return FhirIds.Make("eudract", eudraCt);
        }

        // The WHO Universal Trial Number exists to be the one id of a trial across registries.
        if (record.Identifiers.FirstOrDefault(i => i.Kind == IdentifierKind.Other && i.Assigner == "WHO" && !string.IsNullOrWhiteSpace(i.Value)) is { } utn)
        {
            return FhirIds.Make("utn", utn.Value);
        }

        if (First(record, IdentifierKind.OtherRegistry) is { } registryId)
        {
            return FhirIds.Make("registry", registryId);
        }

        var sponsorId = record.Identifiers.FirstOrDefault(i => i.Kind == IdentifierKind.SponsorProtocol);
        if (sponsorId is not null)
        {
            var sponsor = sponsorId.Assigner ?? record.LeadSponsor?.Name ?? "";
            return FhirIds.Make("sponsor", sponsor + " " + sponsorId.Value);
        }

        var hash = record.Source.ContentHash;
        return FhirIds.Make("doc", hash[..Math.Min(16, hash.Length)]);
    }

    private static string? First(TrialRecord record, IdentifierKind kind) =>
        record.Identifiers.FirstOrDefault(i => i.Kind == kind && !string.IsNullOrWhiteSpace(i.Value))?.Value;
}
