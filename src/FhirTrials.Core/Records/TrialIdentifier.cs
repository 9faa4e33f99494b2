namespace FhirTrials.Core.Records;

/// <param name="Value">The identifier as the registry writes it (NCT numbers upper-case).</param>
/// <param name="Kind">What kind of identifier it is.</param>
/// <param name="TypeText">The source's own words for its type (e.g. "EudraCT Number", "OTHER_GRANT"), when given.</param>
/// <param name="Assigner">Who issued it (sponsor or funder name, registry), when known.</param>
public sealed record TrialIdentifier(string Value, IdentifierKind Kind, string? TypeText = null, string? Assigner = null);

public enum IdentifierKind
{
    Nct,
    EudraCt,
    /// <summary>EU CT number from the Clinical Trials Information System (CTIS), e.g. 2024-518516-39-00.</summary>
    EuCt,
    /// <summary>The sponsor's own protocol id (CT.gov org_study_id).</summary>
    SponsorProtocol,
    Grant,
    /// <summary>Another registry's id (ISRCTN, DRKS, ChiCTR, ...).</summary>
    OtherRegistry,
    Other,
}
