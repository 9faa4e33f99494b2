using FhirTrials.Api.Errors;
using FhirTrials.Api.Rendering;
using FhirTrials.Core.Search;
using Hl7.Fhir.Model;

namespace FhirTrials.Api.Search;

/// <summary>
/// <c>_include=Source:param[:Target]</c> (reference parameters of the searched type, plus ResearchStudy:enrollment,
/// which R4 has as an element but not a parameter) and <c>_revinclude=Source:param</c> (reference parameters of any
/// type we store, e.g. Provenance:target).
/// </summary>
public static class IncludeParser
{
    public const string Enrollment = "enrollment";

    public static IncludeSpec ParseInclude(string resourceType, string value)
    {
        var (source, parameter, target) = Split("_include", value);
        if (source != resourceType)
        {
            throw FhirException.BadRequest($"_include={SummaryFilter.Shorten(value)}: only includes from {resourceType} apply to this search.");
        }

        if (resourceType == "ResearchStudy" && parameter == Enrollment)
        {
            return target is null or "Group" ? new IncludeSpec(source, parameter, "Group") : throw Unsupported("_include", value);
        }

        return IsReference(source, parameter, target) ? new IncludeSpec(source, parameter, target) : throw Unsupported("_include", value);
    }

    public static IncludeSpec ParseRevInclude(string resourceType, string value)
    {
        var (source, parameter, target) = Split("_revinclude", value);
        if (target is not null && target != resourceType)
        {
            throw Unsupported("_revinclude", value);
        }

        return IsReference(source, parameter, null) ? new IncludeSpec(source, parameter, resourceType) : throw Unsupported("_revinclude", value);
    }

    private static bool IsReference(string source, string parameter, string? target) =>
        SearchParameterCatalog.TryGet(source, parameter, out var info)
        && info.Type == SearchParamType.Reference
        && (target is null || info.Targets.Contains(target));

    private static (string Source, string Parameter, string? Target) Split(string name, string value)
    {
        var parts = value.Split(':');
        return parts.Length is 2 or 3 && parts.All(p => p.Length > 0)
            ? (parts[0], parts[1], parts.Length == 3 ? parts[2] : null)
            : throw FhirException.BadRequest($"{name} must be Type:parameter[:TargetType], not '{SummaryFilter.Shorten(value)}'.");
    }

    private static FhirException Unsupported(string name, string value) =>
        FhirException.BadRequest($"{name}={SummaryFilter.Shorten(value)} is not supported.");
}
