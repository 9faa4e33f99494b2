using FhirTrials.Api.Errors;
using FhirTrials.Api.Http;
using FhirTrials.Core.Search;
using Microsoft.AspNetCore.Http;

namespace FhirTrials.Api.Export;

/// <summary>
/// The routes of bulk export and of type and system history. Export jobs answer at <c>$export-status/{job}</c> and
/// their files at <c>$export-file/{job}/{file}</c> (the route's Id holds the job, its VersionId the file name).
/// </summary>
public static class ExportRoutes
{
    public const string Kickoff = "$export";
    public const string Status = "$export-status";
    public const string File = "$export-file";
    public const string History = "_history";

    /// <summary>The route when the path is one of these; null: any other path (the router goes on).</summary>
    public static FhirRoute? Route(string method, string[] segments)
    {
        ArgumentNullException.ThrowIfNull(segments);
        var isGet = HttpMethods.IsGet(method) || HttpMethods.IsHead(method);
        var isPost = HttpMethods.IsPost(method);
        return segments switch
        {
            [Kickoff] => isGet || isPost ? new FhirRoute(FhirInteraction.Export) : throw NotAllowed(method, Kickoff),
            [var type, Kickoff] => isGet || isPost ? new FhirRoute(FhirInteraction.Export, Served(type)) : throw NotAllowed(method, Kickoff),
            [Status, var job] => isGet ? new FhirRoute(FhirInteraction.ExportStatus, null, job)
                : HttpMethods.IsDelete(method) ? new FhirRoute(FhirInteraction.ExportCancel, null, job)
                : throw NotAllowed(method, Status),
            [File, var job, var file] => isGet ? new FhirRoute(FhirInteraction.ExportFile, null, job, file) : throw NotAllowed(method, File),
            [History] => isGet ? new FhirRoute(FhirInteraction.HistorySystem) : throw NotAllowed(method, History),
            [var type, History] when type != FhirRequestRouter.SearchParameterType =>
                isGet ? new FhirRoute(FhirInteraction.HistoryType, Served(type)) : throw NotAllowed(method, History),
            _ => null,
        };
    }

    /// <summary>Output files are asked for as NDJSON (Accept: application/fhir+ndjson), which is no FHIR wire format.</summary>
    public static bool IsFile(string? path) => path?.StartsWith(File + "/", StringComparison.Ordinal) == true;

    private static string Served(string type) => SearchParameterCatalog.Supports(type)
        ? type
        : throw FhirException.NotFound($"Resource type '{Rendering.SummaryFilter.Shorten(type)}' is not served here (served: {string.Join(", ", SearchParameterCatalog.ResourceTypes)}).");

    private static FhirException NotAllowed(string method, string what) =>
        new(405, Hl7.Fhir.Model.OperationOutcome.IssueType.NotSupported, $"{method} is not supported on {what}.");
}
