using FhirTrials.Api.Errors;
using FhirTrials.Api.Search;
using FhirTrials.Core.Search;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;

namespace FhirTrials.Api.Http;

/// <summary>
/// Maps method and path (after <c>api/fhir/</c>) to an interaction. The server is read-only: writes are 405; a type
/// we do not serve or a malformed id is 404.
/// </summary>
public static class FhirRequestRouter
{
    public const string SearchParameterType = "SearchParameter";
    public const string OperationDefinitionType = "OperationDefinition";

    public static FhirRoute Route(string method, string? path)
    {
        var segments = (path ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        var isGet = HttpMethods.IsGet(method) || HttpMethods.IsHead(method);
        var isPost = HttpMethods.IsPost(method);
        if (segments is ["metadata"])
        {
            return isGet ? new FhirRoute(FhirInteraction.Capabilities) : throw NotAllowed(method, path);
        }

        if (segments is [".well-known", "smart-configuration"])
        {
            return isGet ? new FhirRoute(FhirInteraction.SmartConfiguration) : throw NotAllowed(method, path);
        }

        if (Export.ExportRoutes.Route(method, segments) is { } export)
        {
            return export;
        }

        if (segments.Length == 0)
        {
            throw FhirException.NotFound("System-level interactions are not supported: name a resource type.");
        }

        if (segments is ["ResearchStudy", Match.MatchOperationDefinition.Name])
        {
            return isGet || isPost ? new FhirRoute(FhirInteraction.Match, "ResearchStudy") : throw NotAllowed(method, path);
        }

        if (segments is [OperationDefinitionType, _])
        {
            return isGet ? new FhirRoute(FhirInteraction.Read, OperationDefinitionType, segments[1]) : throw NotAllowed(method, path);
        }

        var type = segments[0];
        if (!SearchParameterCatalog.Supports(type) && type != SearchParameterType)
        {
            throw FhirException.NotFound($"Resource type '{Rendering.SummaryFilter.Shorten(type)}' is not served here (served: {string.Join(", ", SearchParameterCatalog.ResourceTypes)}).");
        }

        if (type == SearchParameterType && segments.Length != 2)
        {
            throw FhirException.NotFound("Only the SearchParameters this server defines are served (read), e.g. SearchParameter/" + ConditionSearchParameter.Id + ".");
        }

        switch (segments.Length)
        {
            case 1 when isGet && type != SearchParameterType:
                return new FhirRoute(FhirInteraction.SearchType, type);
            case 2 when segments[1] == "_search" && (isPost || isGet) && type != SearchParameterType:
                return new FhirRoute(FhirInteraction.SearchType, type);
            case 2 when isGet:
                return new FhirRoute(FhirInteraction.Read, type, ValidId(type, segments[1]));
            case 3 when isGet && segments[2] == "_history":
                return new FhirRoute(FhirInteraction.HistoryInstance, type, ValidId(type, segments[1]));
            case 4 when isGet && segments[2] == "_history":
                return new FhirRoute(FhirInteraction.VRead, type, ValidId(type, segments[1]), ValidVersion(segments[3]));
            default:
                throw segments.Length <= 4 ? NotAllowed(method, path) : FhirException.NotFound($"No FHIR interaction at '{Rendering.SummaryFilter.Shorten(path)}'.");
        }
    }

    private static string ValidId(string type, string id) =>
        SearchValueParser.IsValidId(id) ? id : throw FhirException.NotFound($"{type}/{Rendering.SummaryFilter.Shorten(id)} is not a valid resource id.");

    private static string ValidVersion(string version) =>
        version.Length is > 0 and <= 16 && version.All(char.IsAsciiDigit) ? version : throw FhirException.NotFound($"Version '{Rendering.SummaryFilter.Shorten(version)}' does not exist.");

    private static FhirException NotAllowed(string method, string? path) =>
        new(405, OperationOutcome.IssueType.NotSupported, $"{method} is not supported on '{Rendering.SummaryFilter.Shorten(path)}': this server is read-only.");
}
