using FhirTrials.Core.Search;
using Hl7.Fhir.Model;

namespace FhirTrials.Api.Export;

/// <summary>What export and change history add to the CapabilityStatement: the operations and the history interactions.</summary>
public static class ExportCapabilities
{
    /// <summary>The Bulk Data Access v2.0.0 definition of <c>$export</c> (system level; this server also runs it per type).</summary>
    public const string ExportDefinition = "http://hl7.org/fhir/uv/bulkdata/OperationDefinition/export";

    /// <summary>The capability statement of a Bulk Data server, which clients look for before they kick off.</summary>
    public const string BulkDataServer = "http://hl7.org/fhir/uv/bulkdata/CapabilityStatement/bulk-data";

    public static void Declare(CapabilityStatement.RestComponent rest)
    {
        ArgumentNullException.ThrowIfNull(rest);
        foreach (var resource in rest.Resource.Where(r => r.Type is { } type && SearchParameterCatalog.Supports(type)))
        {
            resource.Interaction.Add(new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.HistoryType });
            resource.Operation.Add(new CapabilityStatement.OperationComponent
            {
                Name = "export",
                Definition = ExportDefinition,
                Documentation = new Markdown($"[base]/{resource.Type}/$export: the system-level export of {resource.Type} only (_since, _outputFormat)."),
            });
        }

        rest.Interaction.Add(new CapabilityStatement.SystemInteractionComponent
        {
            Code = CapabilityStatement.SystemRestfulInteraction.HistorySystem,
            Documentation = new Markdown("Every version of every type newest first, from the change index (_since, _count)."),
        });
        rest.Operation.Add(new CapabilityStatement.OperationComponent
        {
            Name = "export",
            Definition = ExportDefinition,
            Documentation = new Markdown("Bulk Data Access v2.0.0 kick-off (Prefer: respond-async; GET, or POST with Parameters): _type, _since, "
                + "_outputFormat (" + string.Join(", ", ExportRequest.OutputFormats) + "). Status at $export-status/{job}, files at $export-file/{job}/{file} (NDJSON)."),
        });
    }
}
