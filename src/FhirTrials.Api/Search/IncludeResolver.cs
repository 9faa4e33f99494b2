using FhirTrials.Api.Data;
using FhirTrials.Core.Search;
using Hl7.Fhir.Model;

namespace FhirTrials.Api.Search;

/// <summary>
/// Loads what <c>_include</c> (resources the matches reference) and <c>_revinclude</c> (resources referencing the
/// matches, found through the index of their reference parameter) ask for, once each and never a match again.
/// </summary>
public sealed class IncludeResolver(IFhirStore store)
{
    public const int MaxIncluded = 500;

    public async Task<IReadOnlyList<Resource>> ResolveAsync(SearchQuery query, IReadOnlyList<Resource> matches, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(matches);
        if (matches.Count == 0 || (query.Includes.Count == 0 && query.RevIncludes.Count == 0))
        {
            return [];
        }

        var seen = matches.Select(Key).ToHashSet(StringComparer.Ordinal);
        var wanted = new List<(string Type, string Id)>();
        foreach (var spec in query.Includes)
        {
            foreach (var reference in matches.SelectMany(m => References(m, spec)))
            {
                var slash = reference.IndexOf('/', StringComparison.Ordinal);
                var type = reference[..slash];
                if ((spec.TargetType is null || spec.TargetType == type) && SearchParameterCatalog.Supports(type) && seen.Add(reference))
                {
                    wanted.Add((type, reference[(slash + 1)..]));
                }
            }
        }

        foreach (var spec in query.RevIncludes)
        {
            foreach (var match in matches)
            {
                await foreach (var hit in store.ExactAsync(spec.SourceType, spec.Parameter, Key(match), cancellationToken).ConfigureAwait(false))
                {
                    if (seen.Add(spec.SourceType + "/" + hit.Id))
                    {
                        wanted.Add((spec.SourceType, hit.Id));
                    }
                }
            }
        }

        var loaded = await SearchExecutor.LoadAsync(store, wanted.Take(MaxIncluded).ToList(), cancellationToken).ConfigureAwait(false);
        // A reverse include found through a stale index row must still point at one of the matches.
        var matchKeys = matches.Select(Key).ToHashSet(StringComparer.Ordinal);
        return loaded.Where(r => !query.RevIncludes.Any(s => s.SourceType == r.TypeName) || StillReferences(r, query, matchKeys)).ToList();
    }

    private static bool StillReferences(Resource resource, SearchQuery query, HashSet<string> matchKeys) =>
        query.Includes.Any(s => s.TargetType == resource.TypeName)
        || query.RevIncludes.Where(s => s.SourceType == resource.TypeName)
            .Any(s => SearchParameterCatalog.TryGet(s.SourceType, s.Parameter, out var p)
                && SearchIndexer.Entries(resource, p).Any(e => matchKeys.Contains(e.Key)));

    private static IEnumerable<string> References(Resource match, IncludeSpec spec)
    {
        if (match is ResearchStudy study && spec.Parameter == IncludeParser.Enrollment)
        {
            return study.Enrollment.Select(SearchIndexer.ReferenceKey).OfType<string>();
        }

        return SearchParameterCatalog.TryGet(spec.SourceType, spec.Parameter, out var parameter)
            ? SearchIndexer.Entries(match, parameter).Select(e => e.Key)
            : [];
    }

    private static string Key(Resource resource) => resource.TypeName + "/" + resource.Id;
}
