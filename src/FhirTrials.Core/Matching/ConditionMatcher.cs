using Hl7.Fhir.Model;

namespace FhirTrials.Core.Matching;

/// <summary>
/// Does a patient's condition meet a study's? Strong (score 1) when their names agree as word sets
/// (<see cref="ConditionWords"/>) or they share a MeSH descriptor; weaker (<see cref="AncestorScore"/>) when one's
/// descriptor is a MeSH ancestor of the other's, as the stored studies' <see cref="MeshKnowledge"/> tells. A SNOMED CT
/// or ICD-10 coding without text is matched by its display.
/// </summary>
public static class ConditionMatcher
{
    public const double AncestorScore = 0.6;

    public static CriterionResult Match(IReadOnlyList<PatientCondition> patient, ResearchStudy study, MeshKnowledge knowledge)
    {
        ArgumentNullException.ThrowIfNull(patient);
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(knowledge);
        CriterionResult? best = null;
        foreach (var condition in patient)
        {
            var result = Match(condition, study, knowledge);
            if (result is not null && (best is null || result.Score > best.Score))
            {
                best = result;
            }
        }

        if (best is not null)
        {
            return best;
        }

        var studied = study.Condition.Select(c => c.Text ?? c.Coding.FirstOrDefault()?.Display).Where(t => !string.IsNullOrWhiteSpace(t)).Take(3).ToList();
        return CriterionResult.NotMet("condition", studied.Count == 0
            ? "the study names no condition"
            : $"no condition of the patient ({string.Join("; ", patient.Select(p => p.Label))}) meets the study's ({string.Join("; ", studied)})");
    }

    private static CriterionResult? Match(PatientCondition patient, ResearchStudy study, MeshKnowledge knowledge)
    {
        var names = new[] { patient.Text }.Concat(patient.Codings.Select(c => c.Display)).Select(ConditionWords.Of).Where(w => w.Count > 0).ToList();
        var descriptors = patient.Codings.Where(c => MeshKnowledge.IsMesh(c.System) && !string.IsNullOrWhiteSpace(c.Code))
            .Select(c => (Code: c.Code!, Display: c.Display ?? c.Code!)).ToList();
        foreach (var condition in study.Condition)
        {
            var label = condition.Text ?? condition.Coding.FirstOrDefault()?.Display ?? "";
            var studyNames = new[] { condition.Text }.Concat(condition.Coding.Select(c => c.Display)).Select(ConditionWords.Of).Where(w => w.Count > 0).ToList();
            if (names.Any(n => studyNames.Any(s => ConditionWords.Agree(n, s))))
            {
                return CriterionResult.Met("condition", $"'{patient.Label}' matches the study condition '{label}'");
            }

            var shared = condition.Coding.FirstOrDefault(c => MeshKnowledge.IsMesh(c.System) && descriptors.Any(d => d.Code == c.Code));
            if (shared is not null)
            {
                return CriterionResult.Met("condition", $"'{patient.Label}' has the MeSH descriptor of the study condition '{label}' ({shared.Code})");
            }
        }

        // Weaker: the descriptors the patient's condition stands for, and their ancestors, against the study's.
        var resolved = descriptors.Concat(names.SelectMany(knowledge.DescriptorsNamed)).DistinctBy(d => d.Code).ToList();
        foreach (var condition in study.Condition)
        {
            var label = condition.Text ?? condition.Coding.FirstOrDefault()?.Display ?? "";
            foreach (var coding in condition.Coding.Where(c => MeshKnowledge.IsMesh(c.System) && !string.IsNullOrWhiteSpace(c.Code)))
            {
                if (resolved.FirstOrDefault(d => knowledge.AncestorsOf(d.Code).ContainsKey(coding.Code!)) is { Code: not null } narrower)
                {
                    return CriterionResult.Met("condition",
                        $"'{patient.Label}' (MeSH {narrower.Code} {narrower.Display}) falls under the study condition '{label}' (MeSH ancestor {coding.Code}): a broader match",
                        AncestorScore);
                }
            }
        }

        var studyAncestors = StudyMatchExtensions.MeshAncestors(study).ToList();
        foreach (var descriptor in resolved)
        {
            if (studyAncestors.FirstOrDefault(a => a.Code == descriptor.Code) is { } ancestor)
            {
                var label = study.Condition.FirstOrDefault()?.Text ?? "";
                return CriterionResult.Met("condition",
                    $"the study condition '{label}' is a narrower kind of '{patient.Label}' (MeSH {ancestor.Code} {ancestor.Display}): a broader match",
                    AncestorScore);
            }
        }

        return null;
    }
}
