using FhirTrials.Core.Fhir.Terminology;
using FhirTrials.Core.Records;
using Hl7.Fhir.Model;

namespace FhirTrials.Core.Fhir;

/// <summary>
/// One source document -> one Provenance: target = the resources made from it, entity (role source) = the blob,
/// agent = this service (type assembler), recorded = the mapping time.
/// </summary>
/// <remarks>
/// The blob is named in entity.what by identifier (its URI when known, else its content hash as an RFC 6920 ni URI)
/// because it is not a FHIR resource; entity.what.display carries the document name, its format, the reader's layout
/// and version and the content hash, so a record can be re-read when the reader improves. The id is derived from the
/// trial key and the content hash: the same document of the same trial always has the same Provenance.
/// </remarks>
public static class ProvenanceMapper
{
    public const string AgentName = "FhirTrials";

    /// <param name="inferredFields">Record paths the reader inferred rather than read from a label (see
    /// <see cref="Reading.Text.InferredValues"/>): named in the narrative so a reader of the Provenance can tell them apart.</param>
    public static Provenance Map(SourceInfo source, string trialKey, IEnumerable<Resource> targets, MappingOptions options, IReadOnlyCollection<string>? inferredFields = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(trialKey);

        var hash = string.IsNullOrWhiteSpace(source.ContentHash) ? FhirIds.Hash(source.DocumentName, 16) : source.ContentHash;
        var documentUri = SourceDocument.Uri(source, options);
        var provenance = new Provenance
        {
            Id = FhirIds.Make("prov", trialKey + " " + hash[..Math.Min(16, hash.Length)]),
            Meta = new Meta { Source = documentUri, LastUpdated = options.Recorded },
            Recorded = options.Recorded,
            Activity = new CodeableConcept(CodeSystems.DataOperation, "CREATE", "create", "Read from a registry document and mapped to FHIR"),
        };
        provenance.Target.AddRange(targets.Where(t => t is not Provenance).Select(t => MappingContext.Ref(t)));
        provenance.Agent.Add(new Provenance.AgentComponent
        {
            Type = new CodeableConcept(CodeSystems.ProvenanceParticipantType, "assembler", "Assembler"),
            Who = new ResourceReference { Display = AgentName + " (reader " + source.Layout + " " + source.ReaderVersion + ")" },
        });
        provenance.Entity.Add(new Provenance.EntityComponent
        {
            Role = Provenance.ProvenanceEntityRole.Source,
            What = new ResourceReference
            {
                Identifier = documentUri is null ? null : new Identifier(CodeSystems.Uri, documentUri),
                Display = SourceDocument.Describe(source),
            },
        });
        provenance.Text = new NarrativeBuilder("Provenance")
            .Row("Document", source.DocumentName)
            .Row("Format", source.Format.ToString())
            .Row("Layout", source.Layout)
            .Row("Reader version", source.ReaderVersion)
            .Row("Content SHA-256", source.ContentHash)
            .Row("Site", source.SiteName)
            .Row("Page", source.SourceUrl)
            .Row("Document URI", documentUri)
            .Row("Recorded", options.Recorded.ToString("o", System.Globalization.CultureInfo.InvariantCulture))
            .Row("Resources", provenance.Target.Count.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Row("Inferred, not read from a label", inferredFields is { Count: > 0 } ? string.Join(", ", inferredFields) : null)
            .ToNarrative();
        return ControlCharacters.RemoveFrom(provenance);
    }
}
