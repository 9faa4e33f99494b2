using Hl7.Fhir.Model;

namespace FhirTrials.Core.Fhir;

/// <summary>The resources made from one trial record; references between them resolve inside <see cref="All"/>.</summary>
public sealed class TrialResources
{
    public required ResearchStudy Study { get; init; }
    public required PlanDefinition Protocol { get; init; }
    public required Group Eligibility { get; init; }
    public List<Organization> Organizations { get; } = [];
    public List<Practitioner> Practitioners { get; } = [];
    public List<PractitionerRole> PractitionerRoles { get; } = [];
    public List<Location> Locations { get; } = [];
    /// <summary>One per source document; the storage layer adds one per merged document.</summary>
    public List<Provenance> Provenances { get; } = [];

    /// <summary>Every resource, the study first, in a stable order.</summary>
    public IEnumerable<Resource> All()
    {
        yield return Study;
        yield return Protocol;
        yield return Eligibility;
        foreach (var resource in Organizations.Cast<Resource>().Concat(Practitioners).Concat(PractitionerRoles).Concat(Locations).Concat(Provenances))
        {
            yield return resource;
        }
    }

    /// <summary>A Bundle of type collection; fullUrl = base + Type/id, so the relative references resolve in it.</summary>
    public Bundle ToCollectionBundle(Uri? baseUrl = null) => CollectionBundle.Of([this], baseUrl);
}
