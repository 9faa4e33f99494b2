using FhirTrials.Api.Search;
using FhirTrials.Core.Search;

namespace FhirTrials.Api.Auth;

/// <summary>The resource types an <c>_include</c> can bring in: its explicit target, or every served target of its parameter.</summary>
internal static class IncludeTargets
{
    public static IReadOnlyList<string> Of(IncludeSpec spec)
    {
        if (spec.TargetType is not null)
        {
            return [spec.TargetType];
        }

        return SearchParameterCatalog.TryGet(spec.SourceType, spec.Parameter, out var parameter)
            ? parameter.Targets.Where(SearchParameterCatalog.Supports).Distinct().ToList()
            : [];
    }
}
