using FhirTrials.Api.Data;
using FhirTrials.Api.Search;
using FhirTrials.Core.Matching;
using FhirTrials.Core.Search;
using Hl7.Fhir.Model;

namespace FhirTrials.Api.Match;

/// <summary>
/// Answers <c>$match</c> from the indexes and the candidate studies only. With conditions, the candidates are the
/// studies named with every selective word of a condition or coded with its MeSH descriptor, then those on a MeSH
/// ancestor of it or narrower than it (a few exact lookups per condition in the condition-word, condition and
/// condition-ancestor partitions). Without conditions, the open studies (status active or approved) whose age range
/// holds the patient's age and that take the patient's sex (index lookups). Each candidate is read once and judged by
/// the <see cref="StudyMatcher"/>. At most <see cref="MaxCandidates"/> studies are read per request: past that the
/// request is refused with a hint, as a bounded answer that silently dropped studies would mislead.
/// </summary>
public sealed class MatchExecutor(IFhirStore store)
{
    public const int MaxCandidates = 2_000;

    /// <summary>A word in more studies than this selects nothing (see ConditionIdsAsync).</summary>
    public const int MaxWordHits = 1_000;
    private const string Type = "ResearchStudy";

    private static readonly string[] OpenStatuses = ["active", "approved"];

    private readonly IFhirStore _store = store ?? throw new ArgumentNullException(nameof(store));

    /// <summary>Every study that is not excluded, best score first (then id).</summary>
    public async Task<IReadOnlyList<(ResearchStudy Study, StudyMatch Match)>> MatchAsync(MatchCriteria patient, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(patient);
        var loaded = new Dictionary<string, ResearchStudy>(StringComparer.Ordinal);
        if (patient.Conditions.Count == 0)
        {
            await LoadAsync(await EligibleIdsAsync(patient, cancellationToken).ConfigureAwait(false), loaded, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            // Round 1: studies named with every (selective) word of a patient's condition, or sharing its MeSH
            // descriptor. Status, age and sex are judged on the loaded studies: the conditions are the selective part,
            // and intersecting with the open, age and sex partitions would read most of them.
            await LoadAsync(await ConditionIdsAsync(patient.Conditions, cancellationToken).ConfigureAwait(false), loaded, cancellationToken).ConfigureAwait(false);

            // Round 2: what those studies teach about MeSH finds the studies on an ancestor (broader) and those with the
            // patient's descriptor as an ancestor (narrower).
            var knowledge = MeshKnowledge.From(loaded.Values);
            var related = await RelatedIdsAsync(patient.Conditions, knowledge, cancellationToken).ConfigureAwait(false);
            await LoadAsync(related, loaded, cancellationToken).ConfigureAwait(false);
        }

        var mesh = MeshKnowledge.From(loaded.Values);
        return loaded.Values
            .Select(study => (Study: study, Match: StudyMatcher.Evaluate(patient, study, mesh)))
            .Where(m => !m.Match.Excluded)
            .OrderByDescending(m => m.Match.Score)
            .ThenBy(m => m.Study.Id, StringComparer.Ordinal)
            .ToList();
    }

    private async Task<HashSet<string>> EligibleIdsAsync(MatchCriteria patient, CancellationToken cancellationToken)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var status in OpenStatuses)
        {
            await CollectAsync(_store.ExactAsync(Type, "status", TokenKeys.AnySystem(status), cancellationToken), ids, null).ConfigureAwait(false);
        }

        if (patient.AgeYears is { } age)
        {
            var condition = MatchSearchValues.Age(age.ToString(System.Globalization.CultureInfo.InvariantCulture), "age");
            var inRange = new HashSet<string>(StringComparer.Ordinal);
            await CollectAsync(_store.RangeAsync(Type, MatchSearchParameters.EligibleAge, condition.From, condition.To, cancellationToken), inRange, condition).ConfigureAwait(false);
            ids.IntersectWith(inRange);
        }

        if (patient.Gender is "female" or "male")
        {
            var sex = new HashSet<string>(StringComparer.Ordinal);
            await CollectAsync(_store.ExactAsync(Type, MatchSearchParameters.EligibleSex, TokenKeys.AnySystem(patient.Gender), cancellationToken), sex, null).ConfigureAwait(false);
            ids.IntersectWith(sex);
        }

        return ids;
    }

    /// <summary>Studies whose conditions hold every selective word of a patient's condition, or its MeSH descriptor.
    /// A word in no study is left out; a word found in more than <see cref="MaxWordHits"/> studies ("disease", "cancer") selects nothing and is left to
    /// the matcher; a condition with no selective word and no MeSH code is refused, as every study would be read.</summary>
    private async Task<HashSet<string>> ConditionIdsAsync(IReadOnlyList<PatientCondition> conditions, CancellationToken cancellationToken)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var condition in conditions)
        {
            var words = new[] { condition.Text }.Concat(condition.Codings.Select(c => c.Display)).SelectMany(ConditionWords.Of).ToHashSet(StringComparer.Ordinal);
            HashSet<string>? all = null;
            foreach (var word in words)
            {
                var hits = new HashSet<string>(StringComparer.Ordinal);
                // A word no study has ("without complications") cannot say which studies to read either.
                if (!await CollectAsync(_store.ExactAsync(Type, MatchSearchParameters.ConditionWord, word, cancellationToken), hits, null, MaxWordHits).ConfigureAwait(false)
                    || hits.Count == 0)
                {
                    continue;
                }

                if (all is null)
                {
                    all = hits;
                }
                else
                {
                    all.IntersectWith(hits);
                }
            }

            var codes = condition.Codings.Where(c => MeshKnowledge.IsMesh(c.System) && c.Code is not null).Select(c => c.Code!).ToList();
            if (all is null && codes.Count == 0 && words.Count > 0)
            {
                throw Errors.FhirException.BadRequest(
                    $"$match: every word of the condition '{condition.Label}' is in more than {MaxWordHits} studies: name it more precisely or give its MeSH code.");
            }

            ids.UnionWith(all ?? []);
            foreach (var code in codes)
            {
                await CollectAsync(_store.ExactAsync(Type, ConditionSearchParameter.Code, TokenKeys.AnySystem(code), cancellationToken), ids, null).ConfigureAwait(false);
            }
        }

        return ids;
    }

    private async Task<HashSet<string>> RelatedIdsAsync(IReadOnlyList<PatientCondition> conditions, MeshKnowledge knowledge, CancellationToken cancellationToken)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var descriptors = conditions
            .SelectMany(c => c.Codings.Where(d => MeshKnowledge.IsMesh(d.System) && d.Code is not null).Select(d => d.Code!)
                .Concat(new[] { c.Text }.Concat(c.Codings.Select(d => d.Display)).Select(ConditionWords.Of).Where(w => w.Count > 0)
                    .SelectMany(knowledge.DescriptorsNamed).Select(d => d.Code)))
            .ToHashSet(StringComparer.Ordinal);
        foreach (var descriptor in descriptors)
        {
            foreach (var ancestor in knowledge.AncestorsOf(descriptor).Keys)
            {
                await CollectAsync(_store.ExactAsync(Type, ConditionSearchParameter.Code, TokenKeys.AnySystem(ancestor), cancellationToken), ids, null).ConfigureAwait(false);
            }

            await CollectAsync(_store.ExactAsync(Type, MatchSearchParameters.ConditionAncestor, TokenKeys.AnySystem(descriptor), cancellationToken), ids, null).ConfigureAwait(false);
        }

        return ids;
    }

    private async System.Threading.Tasks.Task LoadAsync(IEnumerable<string> ids, Dictionary<string, ResearchStudy> loaded, CancellationToken cancellationToken)
    {
        var wanted = ids.Where(id => !loaded.ContainsKey(id)).Order(StringComparer.Ordinal).ToList();
        if (loaded.Count + wanted.Count > MaxCandidates)
        {
            throw Errors.FhirException.BadRequest(
                $"$match: {loaded.Count + wanted.Count} candidate studies, more than the {MaxCandidates} one request judges: give the patient's conditions, age or sex to narrow it.");
        }

        foreach (var resource in await SearchExecutor.LoadAsync(_store, wanted.Select(id => (Type, id)).ToList(), cancellationToken).ConfigureAwait(false))
        {
            if (resource is ResearchStudy study && study.Id is { } id)
            {
                loaded[id] = study;
            }
        }
    }

    /// <summary>Adds the hits' ids; false (and stops reading) when there are more than <paramref name="limit"/>.</summary>
    private static async Task<bool> CollectAsync(IAsyncEnumerable<IndexMatch> hits, HashSet<string> ids, IndexCondition? condition, int limit = int.MaxValue)
    {
        var count = 0;
        await foreach (var hit in hits.ConfigureAwait(false))
        {
            if (++count > limit)
            {
                return false;
            }

            if (condition is null || hit.KeyTruncated || condition.Matches(hit.Key, hit.Low ?? hit.Key, hit.High ?? hit.Key))
            {
                ids.Add(hit.Id);
            }
        }

        return true;
    }
}
