using FhirTrials.Api.Data;
using FhirTrials.Api.Search;
using FhirTrials.Core.Matching;
using FhirTrials.Core.Search;
using Hl7.Fhir.Model;

namespace FhirTrials.Api.Match;

/// <summary>
/// Answers <c>$match</c> from the indexes and the candidate studies only: open studies (status active or approved)
/// whose age range holds the patient's age and that take the patient's sex (three index lookups), narrowed to the
/// studies whose conditions share a word, a MeSH descriptor or a MeSH ancestor with the patient's (a few exact lookups
/// per condition); then each candidate is read once and judged by the <see cref="StudyMatcher"/>. At most
/// <see cref="MaxCandidates"/> studies are read per request: past that the request is refused with a hint, as a bounded
/// answer that silently dropped studies would mislead.
/// </summary>
public sealed class MatchExecutor(IFhirStore store)
{
    public const int MaxCandidates = 2_000;

    /// <summary>Studies read only to learn the patient's MeSH descriptors and ancestors.</summary>
    public const int MaxTeachers = 20;
    private const string Type = "ResearchStudy";

    private static readonly string[] OpenStatuses = ["active", "approved"];

    private readonly IFhirStore _store = store ?? throw new ArgumentNullException(nameof(store));

    /// <summary>Every study that is not excluded, best score first (then id).</summary>
    public async Task<IReadOnlyList<(ResearchStudy Study, StudyMatch Match)>> MatchAsync(MatchCriteria patient, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(patient);
        var eligible = await EligibleIdsAsync(patient, cancellationToken).ConfigureAwait(false);
        var loaded = new Dictionary<string, ResearchStudy>(StringComparer.Ordinal);
        var teacherStudies = new List<ResearchStudy>();
        if (patient.Conditions.Count == 0)
        {
            await LoadAsync(eligible, loaded, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            // Round 1: studies sharing words or MeSH descriptors with the patient's conditions; what they teach about
            // MeSH then finds round 2: studies on an ancestor (broader) or with the descriptor as ancestor (narrower).
            var (direct, named) = await ConditionIdsAsync(patient.Conditions, cancellationToken).ConfigureAwait(false);
            await LoadAsync(direct.Where(eligible.Contains), loaded, cancellationToken).ConfigureAwait(false);

            // Studies named like the patient's condition teach its MeSH descriptor and ancestors even when the patient
            // could not join them (too old, closed): read a few of those too, for what they teach only.
            var teachers = new Dictionary<string, ResearchStudy>(StringComparer.Ordinal);
            await LoadAsync(named.Where(id => !loaded.ContainsKey(id)).Order(StringComparer.Ordinal).Take(MaxTeachers), teachers, cancellationToken).ConfigureAwait(false);
            teacherStudies.AddRange(teachers.Values);
            var knowledge = MeshKnowledge.From(loaded.Values.Concat(teacherStudies));
            var related = await RelatedIdsAsync(patient.Conditions, knowledge, cancellationToken).ConfigureAwait(false);
            await LoadAsync(related.Where(id => eligible.Contains(id) && !loaded.ContainsKey(id)), loaded, cancellationToken).ConfigureAwait(false);
        }

        var mesh = MeshKnowledge.From(loaded.Values.Concat(teacherStudies));
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

    /// <summary>Studies sharing a word or a MeSH descriptor with a patient's condition, and among them those whose
    /// conditions hold every word of one (the ones most likely named like it).</summary>
    private async Task<(HashSet<string> Any, HashSet<string> Named)> ConditionIdsAsync(IReadOnlyList<PatientCondition> conditions, CancellationToken cancellationToken)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var named = new HashSet<string>(StringComparer.Ordinal);
        foreach (var condition in conditions)
        {
            var words = new[] { condition.Text }.Concat(condition.Codings.Select(c => c.Display)).SelectMany(ConditionWords.Of).ToHashSet(StringComparer.Ordinal);
            HashSet<string>? all = null;
            foreach (var word in words)
            {
                var hits = new HashSet<string>(StringComparer.Ordinal);
                await CollectAsync(_store.ExactAsync(Type, MatchSearchParameters.ConditionWord, word, cancellationToken), hits, null).ConfigureAwait(false);
                ids.UnionWith(hits);
                if (all is null)
                {
                    all = hits;
                }
                else
                {
                    all.IntersectWith(hits);
                }
            }

            named.UnionWith(all ?? []);
            foreach (var (system, code, _) in condition.Codings.Where(c => MeshKnowledge.IsMesh(c.System) && c.Code is not null))
            {
                await CollectAsync(_store.ExactAsync(Type, ConditionSearchParameter.Code, TokenKeys.AnySystem(code!), cancellationToken), ids, null).ConfigureAwait(false);
            }
        }

        return (ids, named);
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

    private static async System.Threading.Tasks.Task CollectAsync(IAsyncEnumerable<IndexMatch> hits, HashSet<string> ids, IndexCondition? condition)
    {
        await foreach (var hit in hits.ConfigureAwait(false))
        {
            if (condition is null || hit.KeyTruncated || condition.Matches(hit.Key, hit.Low ?? hit.Key, hit.High ?? hit.Key))
            {
                ids.Add(hit.Id);
            }
        }
    }
}
