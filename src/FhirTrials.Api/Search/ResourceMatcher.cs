using FhirTrials.Core.Search;
using Hl7.Fhir.Model;

namespace FhirTrials.Api.Search;

/// <summary>
/// Checks a loaded resource against search clauses with the same predicates the index lookups use, on entries
/// extracted from the resource itself: the last word on stale index rows, truncated keys and <c>:exact</c>.
/// </summary>
public static class ResourceMatcher
{
    public static bool Matches(Resource resource, IEnumerable<SearchClause> clauses)
    {
        ArgumentNullException.ThrowIfNull(clauses);
        return clauses.All(c => Matches(resource, c));
    }

    public static bool Matches(Resource resource, SearchClause clause)
    {
        ArgumentNullException.ThrowIfNull(clause);
        var entries = SearchIndexer.Entries(resource, clause.Parameter);
        if (clause.Missing is { } missing)
        {
            return (entries.Count == 0) == missing;
        }

        var found = clause.Values.Any(condition => entries.Any(e => condition.Matches(e.Key, e.Low ?? e.Key, e.High ?? e.Key)));
        if (found && clause.ExactTexts is { } exact)
        {
            var texts = SearchIndexer.SearchableStrings(resource, clause.Parameter).ToHashSet(StringComparer.Ordinal);
            found = exact.Any(texts.Contains);
        }

        return found != clause.Negated;
    }
}
