using Hl7.Fhir.Model;

namespace FhirTrials.Api;

/// <summary>Describes what the engine really serves.</summary>
public static class CapabilityStatementFactory
{
    public static CapabilityStatement Create(Uri? publicBaseUrl) => new()
    {
        Status = PublicationStatus.Active,
        Date = "2026-11-23",
        Kind = CapabilityStatementKind.Instance,
        FhirVersion = FHIRVersion.N4_0_1,
        Format = ["application/fhir+json", "application/fhir+xml"],
        Software = new CapabilityStatement.SoftwareComponent { Name = "FhirTrials" },
        Implementation = new CapabilityStatement.ImplementationComponent
        {
            Description = "FhirTrials: clinical-trial records as FHIR R4",
            Url = publicBaseUrl?.ToString(),
        },
        Rest =
        [
            new CapabilityStatement.RestComponent { Mode = CapabilityStatement.RestfulCapabilityMode.Server },
        ],
    };
}
