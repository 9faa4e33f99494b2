using FhirTrials.Core.Fhir.Terminology;
using FhirTrials.Core.Records;
using Hl7.Fhir.Model;

namespace FhirTrials.Core.Fhir;

/// <summary>
/// Trial identifiers -> FHIR Identifiers. NCT and EU CT numbers get their registries' published systems; EudraCT
/// numbers, the WHO UTN, sponsor protocol ids, grants and other registries' ids have no published system we can
/// vouch for, so they carry type text (naming the registry, <see cref="TrialRegistries"/>) and the registry as assigner instead.
/// </summary>
internal static class IdentifierMapper
{
    public static List<Identifier> Map(TrialRecord record)
    {
        var identifiers = new List<Identifier>();
        var seen = new HashSet<(IdentifierKind, string)>();
        foreach (var source in record.Identifiers)
        {
            var value = source.Value?.Trim();
            if (string.IsNullOrEmpty(value) || !seen.Add((source.Kind, value.ToUpperInvariant())))
            {
                continue;
            }

            identifiers.Add(Map(source with { Value = value }, record));
        }

        // The registry id is the official one; everything else is secondary.
        var official = identifiers.FirstOrDefault(i => i.System == CodeSystems.NctId)
            ?? identifiers.FirstOrDefault(i => i.System == CodeSystems.EuCtId)
            ?? identifiers.FirstOrDefault();
        foreach (var identifier in identifiers)
        {
            identifier.Use = identifier == official ? Identifier.IdentifierUse.Official : Identifier.IdentifierUse.Secondary;
        }

        return identifiers;
    }

    private static Identifier Map(TrialIdentifier source, TrialRecord record) => source.Kind switch
    {
        IdentifierKind.Nct => new Identifier(CodeSystems.NctId, source.Value.ToUpperInvariant())
        {
            Type = Text(source.TypeText ?? "ClinicalTrials.gov ID"),
            Assigner = Assigner("ClinicalTrials.gov"),
        },
        IdentifierKind.EuCt => new Identifier(CodeSystems.EuCtId, source.Value)
        {
            Type = Text(source.TypeText ?? "EU CT number"),
            Assigner = Assigner("Clinical Trials Information System (CTIS)"),
        },
        IdentifierKind.EudraCt => new Identifier { Value = source.Value, Type = Text(source.TypeText ?? "EudraCT number"), Assigner = Assigner(source.Assigner ?? "EudraCT") },
        IdentifierKind.SponsorProtocol => new Identifier
        {
            Value = source.Value,
            Type = Text(source.TypeText ?? "Sponsor protocol ID"),
            Assigner = Assigner(source.Assigner ?? record.LeadSponsor?.Name),
        },
        IdentifierKind.Grant => new Identifier { Value = source.Value, Type = Text(source.TypeText ?? "Grant number"), Assigner = Assigner(source.Assigner) },
        IdentifierKind.OtherRegistry => new Identifier
        {
            Value = source.Value,
            Type = Text(source.TypeText ?? (source.Assigner is { } registry ? TrialRegistries.DisplayName(registry) + " ID" : "Registry ID")),
            Assigner = Assigner(source.Assigner),
        },
        _ => new Identifier { Value = source.Value, Type = Text(source.TypeText ?? "Other ID"), Assigner = Assigner(source.Assigner) },
    };

    private static CodeableConcept Text(string text) => new() { Text = text };

    private static ResourceReference? Assigner(string? name) => string.IsNullOrWhiteSpace(name) ? null : new ResourceReference { Display = name };
}
