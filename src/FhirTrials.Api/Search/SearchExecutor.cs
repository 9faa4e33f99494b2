using FhirTrials.Api.Data;
using FhirTrials.Api.Rendering;
using FhirTrials.Core.Search;
using Hl7.Fhir.Model;

namespace FhirTrials.Api.Search;

/// <summary>
/// Runs a <see cref="SearchQuery"/> on the index: each value is one partition query; values of a clause are ORed
/// (union of ids), clauses ANDed (intersection); :not and :missing=true subtract from all ids of the type. Ids are
/// ordered by <c>_sort</c> (then id), a page is cut after the continuation position and loaded, and every loaded
/// resource is re-checked against the clauses, so a stale index row can never put a wrong resource on a page.
/// </summary>
public sealed class SearchExecutor(IFhirStore store)
{
    private const int SortByReadingLimit = 200;

    private readonly IFhirStore _store = store ?? throw new ArgumentNullException(nameof(store));

    public async Task<SearchPage> ExecuteAsync(SearchQuery query, (int Offset, string LastId)? position, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var all = new AllIds(_store, query.ResourceType);
        var (ids, recheck) = await CandidatesAsync(query, all, cancellationToken).ConfigureAwait(false);
        if (recheck.Count > 0)
        {
            var failed = await FailingRecheckAsync(query, recheck, cancellationToken).ConfigureAwait(false);
            ids.ExceptWith(failed);
        }

        var ordered = await OrderAsync(query, ids, cancellationToken).ConfigureAwait(false);
        var total = query.Total == TotalMode.None ? (int?)null : ordered.Count;
        if (query.Summary.IsCount || query.Count == 0)
        {
            return new SearchPage([], [], ordered.Count, null);
        }

        var start = 0;
        if (position is { } at)
        {
            var index = ordered.IndexOf(at.LastId);
            start = index >= 0 ? index + 1 : Math.Min(at.Offset, ordered.Count);
        }

        var pageIds = ordered.Skip(start).Take(query.Count).ToList();
        var loaded = await LoadAsync(query.ResourceType, pageIds, cancellationToken).ConfigureAwait(false);
        var matches = loaded.Where(r => ResourceMatcher.Matches(r, query.Clauses)).ToList();
        var end = start + pageIds.Count;
        var next = end < ordered.Count ? (end, pageIds[^1]) : ((int, string)?)null;
        var included = await new IncludeResolver(_store).ResolveAsync(query, matches, cancellationToken).ConfigureAwait(false);
        return new SearchPage(matches, included, total, next);
    }

    private async Task<(HashSet<string> Ids, HashSet<string> Recheck)> CandidatesAsync(SearchQuery query, AllIds all, CancellationToken cancellationToken)
    {
        var recheck = new HashSet<string>(StringComparer.Ordinal);
        HashSet<string>? result = null;
        // Positive clauses first: they narrow the set before any clause needs every id of the type.
        foreach (var clause in query.Clauses.OrderBy(c => c.Negated || c.Missing == true))
        {
            var ids = await ClauseIdsAsync(query.ResourceType, clause, all, recheck, cancellationToken).ConfigureAwait(false);
            if (result is null)
            {
                result = ids;
            }
            else
            {
                result.IntersectWith(ids);
            }

            if (result.Count == 0)
            {
                break;
            }
        }

        result ??= (await all.GetAsync(cancellationToken).ConfigureAwait(false)).ToHashSet(StringComparer.Ordinal);
        recheck.IntersectWith(result);
        return (result, recheck);
    }

    private async Task<HashSet<string>> ClauseIdsAsync(
        string resourceType, SearchClause clause, AllIds all, HashSet<string> recheck, CancellationToken cancellationToken)
    {
        var name = clause.Parameter.Name;
        if (clause.Missing is { } missing)
        {
            var present = new HashSet<string>(StringComparer.Ordinal);
            await foreach (var hit in _store.ScanAsync(resourceType, name, cancellationToken).ConfigureAwait(false))
            {
                present.Add(hit.Id);
            }

            return missing ? Except(await all.GetAsync(cancellationToken).ConfigureAwait(false), present) : present;
        }

        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (var condition in clause.Values)
        {
            await foreach (var hit in Lookup(resourceType, name, condition, cancellationToken).ConfigureAwait(false))
            {
                if (hit.KeyTruncated)
                {
                    found.Add(hit.Id);
                    recheck.Add(hit.Id);
                }
                else if (condition.Matches(hit.Key, hit.Low ?? hit.Key, hit.High ?? hit.Key))
                {
                    found.Add(hit.Id);
                }
            }
        }

        if (clause.ExactTexts is not null)
        {
            recheck.UnionWith(found);
        }

        return clause.Negated ? Except(await all.GetAsync(cancellationToken).ConfigureAwait(false), found) : found;
    }

    private IAsyncEnumerable<IndexMatch> Lookup(string resourceType, string parameter, IndexCondition condition, CancellationToken cancellationToken) =>
        condition.Lookup switch
        {
            IndexLookup.Exact => _store.ExactAsync(resourceType, parameter, condition.Key!, cancellationToken),
            IndexLookup.Prefix => _store.PrefixAsync(resourceType, parameter, condition.Key!, cancellationToken),
            IndexLookup.Range => _store.RangeAsync(resourceType, parameter, condition.From, condition.To, cancellationToken),
            _ => _store.ScanAsync(resourceType, parameter, cancellationToken),
        };

    private async Task<HashSet<string>> FailingRecheckAsync(SearchQuery query, HashSet<string> ids, CancellationToken cancellationToken)
    {
        var loaded = await LoadAsync(query.ResourceType, ids.Order(StringComparer.Ordinal).ToList(), cancellationToken).ConfigureAwait(false);
        var passing = loaded.Where(r => ResourceMatcher.Matches(r, query.Clauses)).Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        return ids.Where(id => !passing.Contains(id)).ToHashSet(StringComparer.Ordinal);
    }

    private async Task<List<string>> OrderAsync(SearchQuery query, HashSet<string> ids, CancellationToken cancellationToken)
    {
        var byId = ids.Order(StringComparer.Ordinal).ToList();
        if (query.Sort.Count == 0)
        {
            return byId;
        }

        // A few matches: reading them is cheaper than scanning the sort parameter's whole partition.
        var loaded = ids.Count <= SortByReadingLimit
            ? await LoadAsync(query.ResourceType, byId, cancellationToken).ConfigureAwait(false)
            : null;
        var keys = new List<Dictionary<string, string>>();
        foreach (var sort in query.Sort)
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            var pairs = loaded is not null
                ? loaded.SelectMany(r => SearchIndexer.Entries(r, sort.Parameter).Select(e => (r.Id!, e.Key))).ToAsyncEnumerable()
                : _store.ScanAsync(query.ResourceType, sort.Parameter.Name, cancellationToken).Select(hit => (hit.Id, hit.Key));
            await foreach (var (id, key) in pairs.ConfigureAwait(false))
            {
                // Ascending sorts on a resource's lowest value, descending on its highest (as the spec says).
                if (ids.Contains(id) && (!values.TryGetValue(id, out var existing)
                    || (string.CompareOrdinal(key, existing) < 0) != sort.Descending))
                {
                    values[id] = key;
                }
            }

            keys.Add(values);
        }

        byId.Sort((a, b) =>
        {
            for (var i = 0; i < keys.Count; i++)
            {
                var ka = keys[i].GetValueOrDefault(a);
                var kb = keys[i].GetValueOrDefault(b);
                // Resources without a value come last, whichever the direction.
                var compare = (ka, kb) switch
                {
                    (null, null) => 0,
                    (null, _) => 1,
                    (_, null) => -1,
                    _ => string.CompareOrdinal(ka, kb) * (query.Sort[i].Descending ? -1 : 1),
                };
                if (compare != 0)
                {
                    return compare;
                }
            }

            return string.CompareOrdinal(a, b);
        });
        return byId;
    }

    private Task<List<Resource>> LoadAsync(string resourceType, IReadOnlyList<string> ids, CancellationToken cancellationToken) =>
        LoadAsync(_store, ids.Select(id => (resourceType, id)).ToList(), cancellationToken);

    /// <summary>Current versions of the given resources (missing ones skipped), read a few dozen at a time.</summary>
    internal static async Task<List<Resource>> LoadAsync(IFhirStore store, IReadOnlyList<(string Type, string Id)> keys, CancellationToken cancellationToken)
    {
        var resources = new List<Resource>(keys.Count);
        foreach (var chunk in keys.Chunk(32))
        {
            var stored = await System.Threading.Tasks.Task.WhenAll(chunk.Select(k => store.ReadAsync(k.Type, k.Id, cancellationToken))).ConfigureAwait(false);
            resources.AddRange(stored.Where(s => s is not null).Select(s => ResourceSerializer.Parse(s!.Json)));
        }

        return resources;
    }

    private static HashSet<string> Except(IEnumerable<string> all, HashSet<string> remove) =>
        all.Where(id => !remove.Contains(id)).ToHashSet(StringComparer.Ordinal);

    /// <summary>All current ids of the type, read at most once per search.</summary>
    private sealed class AllIds(IFhirStore store, string resourceType)
    {
        private List<string>? _ids;

        public async Task<List<string>> GetAsync(CancellationToken cancellationToken)
        {
            if (_ids is null)
            {
                var ids = new List<string>();
                await foreach (var id in store.AllIdsAsync(resourceType, cancellationToken).ConfigureAwait(false))
                {
                    ids.Add(id);
                }

                _ids = ids;
            }

            return _ids;
        }
    }
}
