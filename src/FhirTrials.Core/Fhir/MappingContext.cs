using FhirTrials.Core.Records;
using Hl7.Fhir.Model;

namespace FhirTrials.Core.Fhir;

/// <summary>
/// What the mappers of one record share: the trial key, the meta every resource carries, and the shared parties
/// (organisations, people, places) collected once each by id.
/// </summary>
internal sealed class MappingContext(TrialRecord record, MappingOptions options)
{
    public TrialRecord Record { get; } = record;
    public MappingOptions Options { get; } = options;
    public string Key { get; } = TrialKey.For(record);
    public string? SourceUri { get; } = SourceDocument.Uri(record.Source, options);

    public SortedDictionary<string, Organization> Organizations { get; } = new(StringComparer.Ordinal);
    public SortedDictionary<string, Practitioner> Practitioners { get; } = new(StringComparer.Ordinal);
    public List<PractitionerRole> Roles { get; } = [];
    public List<Location> Locations { get; } = [];

    public string StudyId => Key;
    public string ProtocolId => Key + "-protocol";
    public string EligibilityId => Key + "-eligibility";

    public Meta NewMeta() => new() { Source = SourceUri, LastUpdated = Options.Recorded };

    public static ResourceReference Ref(Resource resource, string? display = null) =>
        new(resource.TypeName + "/" + resource.Id, display);
}
