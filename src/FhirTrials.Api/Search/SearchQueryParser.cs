using System.Globalization;
using FhirTrials.Api.Errors;
using FhirTrials.Api.Rendering;
using FhirTrials.Core.Search;
using Hl7.Fhir.Model;

namespace FhirTrials.Api.Search;

/// <summary>
/// Reads the parameters of a type-level search (query string, plus the form body of POST _search) into a
/// <see cref="SearchQuery"/>. Bad values are a 400; unknown parameters are ignored with a warning, or a 400 when the
/// client asked for <c>Prefer: handling=strict</c>.
/// </summary>
public static class SearchQueryParser
{
    public const string TokenParameter = "_token";
    public const int MaxParameters = 64;

    private static readonly HashSet<string> SingleValued = ["_count", "_sort", "_total", "_summary", "_elements", TokenParameter];
    private static readonly HashSet<string> RenderingOnly = ["_format", "_pretty"];

    public static SearchQuery Parse(string resourceType, IEnumerable<KeyValuePair<string, string>> parameters, bool strict)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var list = parameters.ToList();
        if (list.Count > MaxParameters)
        {
            throw FhirException.BadRequest($"A search takes at most {MaxParameters} parameters.");
        }

        var warnings = new List<string>();
        var clauses = new List<SearchClause>();
        var canonical = new List<KeyValuePair<string, string>>();
        var count = SearchQuery.DefaultCount;
        var sort = new List<SortKey>();
        var total = TotalMode.Accurate;
        var includes = new List<IncludeSpec>();
        var revIncludes = new List<IncludeSpec>();
        string? summary = null, elements = null, token = null;

        foreach (var group in list.GroupBy(p => p.Key).Where(g => SingleValued.Contains(g.Key) && g.Count() > 1))
        {
            throw FhirException.BadRequest($"{group.Key} may appear only once.");
        }

        foreach (var (name, value) in list)
        {
            if (RenderingOnly.Contains(name))
            {
                canonical.Add(new(name, value));
                continue;
            }

            if (name == TokenParameter)
            {
                token = value;
                continue;
            }

            canonical.Add(new(name, value));
            switch (name)
            {
                case "_count":
                    count = ParseCount(value, warnings);
                    break;
                case "_sort":
                    sort.AddRange(ParseSort(resourceType, value));
                    break;
                case "_total":
                    total = value switch
                    {
                        "accurate" or "estimate" => TotalMode.Accurate,
                        "none" => TotalMode.None,
                        _ => throw FhirException.BadRequest($"_total must be none, estimate or accurate, not '{SummaryFilter.Shorten(value)}'."),
                    };
                    break;
                case "_summary":
                    summary = value;
                    break;
                case "_elements":
                    elements = value;
                    break;
                case "_include":
                    includes.Add(IncludeParser.ParseInclude(resourceType, value));
                    break;
                case "_revinclude":
                    revIncludes.Add(IncludeParser.ParseRevInclude(resourceType, value));
                    break;
                default:
                    if (ParseCriterion(resourceType, name, value) is { } clause)
                    {
                        clauses.Add(clause);
                    }
                    else
                    {
                        var message = $"Unknown or unsupported search parameter '{SummaryFilter.Shorten(name)}' for {resourceType}: ignored.";
                        if (strict)
                        {
                            throw FhirException.BadRequest(message.Replace(": ignored.", " (Prefer: handling=strict).", StringComparison.Ordinal));
                        }

                        warnings.Add(message);
                        canonical.RemoveAt(canonical.Count - 1);
                    }

                    break;
            }
        }

        return new SearchQuery(
            resourceType, clauses, count, sort, total, includes, revIncludes, SummaryFilter.Parse(summary, elements), token, canonical, warnings);
    }

    /// <summary>What a continuation token is bound to: the search itself, not how its results are rendered.</summary>
    public static string Fingerprint(SearchQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return query.ResourceType + "?" + string.Join('&', query.CanonicalParameters
            .Where(p => !RenderingOnly.Contains(p.Key))
            .Select(p => p.Key.Length.ToString(CultureInfo.InvariantCulture) + ":" + p.Key + "=" + p.Value.Length.ToString(CultureInfo.InvariantCulture) + ":" + p.Value));
    }

    private static SearchClause? ParseCriterion(string resourceType, string name, string value)
    {
        var colon = name.IndexOf(':', StringComparison.Ordinal);
        var parameterName = colon < 0 ? name : name[..colon];
        var modifier = colon < 0 ? null : name[(colon + 1)..];
        if (!SearchParameterCatalog.TryGet(resourceType, parameterName, out var parameter))
        {
            return null;
        }

        return SearchValueParser.Parse(parameter, modifier, value);
    }

    private static int ParseCount(string value, List<string> warnings)
    {
        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            throw FhirException.BadRequest($"_count must be a whole number, not '{SummaryFilter.Shorten(value)}'.");
        }

        if (count > SearchQuery.MaxCount)
        {
            warnings.Add($"_count={count} is above the maximum of {SearchQuery.MaxCount}: {SearchQuery.MaxCount} used.");
            return SearchQuery.MaxCount;
        }

        return count;
    }

    private static List<SortKey> ParseSort(string resourceType, string value)
    {
        var keys = new List<SortKey>();
        foreach (var item in value.Split(',', StringSplitOptions.TrimEntries))
        {
            var descending = item.StartsWith('-');
            var name = descending ? item[1..] : item;
            if (!SearchParameterCatalog.TryGet(resourceType, name, out var parameter)
                || parameter.Type is not (SearchParamType.String or SearchParamType.Date or SearchParamType.Token or SearchParamType.Uri))
            {
                throw FhirException.BadRequest($"_sort: '{SummaryFilter.Shorten(name)}' is not a sortable parameter of {resourceType}.");
            }

            keys.Add(new SortKey(parameter, descending));
        }

        return keys;
    }
}
