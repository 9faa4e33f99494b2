using FhirTrials.Core.Fhir.Terminology;
using Hl7.Fhir.Model;

namespace FhirTrials.Core.Matching;

/// <summary>
/// What the stored studies teach about MeSH, with no outside service: which descriptor a condition name stands for
/// (a study condition coded with it) and the descriptor's ancestors (CT.gov v2 <c>conditionBrowseModule.ancestors</c>).
/// A study lists the ancestors of all its descriptors together, so only studies with one descriptor teach ancestors.
/// </summary>
public sealed class MeshKnowledge
{
    private readonly Dictionary<string, Dictionary<string, string>> _ancestors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Display, List<IReadOnlySet<string>> Names)> _descriptors = new(StringComparer.Ordinal);

    public static bool IsMesh(string? system) =>
        system is not null && (system == CodeSystems.Mesh || system.Contains("nlm.nih.gov/mesh", StringComparison.OrdinalIgnoreCase)
            || system.Equals("mesh", StringComparison.OrdinalIgnoreCase));

    public static MeshKnowledge From(IEnumerable<ResearchStudy> studies)
    {
        ArgumentNullException.ThrowIfNull(studies);
        var knowledge = new MeshKnowledge();
        foreach (var study in studies)
        {
            knowledge.Learn(study);
        }

        return knowledge;
    }

    public void Learn(ResearchStudy study)
    {
        ArgumentNullException.ThrowIfNull(study);
        var descriptors = new HashSet<string>(StringComparer.Ordinal);
        foreach (var condition in study.Condition)
        {
            foreach (var coding in condition.Coding.Where(c => IsMesh(c.System) && !string.IsNullOrWhiteSpace(c.Code)))
            {
                var code = coding.Code!;
                descriptors.Add(code);
                if (!_descriptors.TryGetValue(code, out var known))
                {
                    known = (coding.Display ?? condition.Text ?? code, []);
                    _descriptors[code] = known;
                }

                foreach (var name in new[] { condition.Text, coding.Display }.Select(ConditionWords.Of).Where(w => w.Count > 0))
                {
                    if (!known.Names.Any(n => n.SetEquals(name)))
                    {
                        known.Names.Add(name);
                    }
                }
            }
        }

        if (descriptors.Count != 1)
        {
            return;
        }

        var descriptor = descriptors.Single();
        if (!_ancestors.TryGetValue(descriptor, out var ancestors))
        {
            ancestors = new Dictionary<string, string>(StringComparer.Ordinal);
            _ancestors[descriptor] = ancestors;
        }

        foreach (var ancestor in StudyMatchExtensions.MeshAncestors(study).Where(a => !string.IsNullOrWhiteSpace(a.Code)))
        {
            ancestors.TryAdd(ancestor.Code!, ancestor.Display ?? ancestor.Code!);
        }
    }

    /// <summary>Descriptors a condition name stands for: those of stored conditions whose names agree with it.</summary>
    public IEnumerable<(string Code, string Display)> DescriptorsNamed(IReadOnlySet<string> words) =>
        _descriptors.Where(d => d.Value.Names.Any(n => ConditionWords.Agree(words, n)))
            .Select(d => (d.Key, d.Value.Display));

    public IReadOnlyDictionary<string, string> AncestorsOf(string descriptor) =>
        _ancestors.TryGetValue(descriptor, out var ancestors) ? ancestors : new Dictionary<string, string>();

    public string? DisplayOf(string descriptor) => _descriptors.TryGetValue(descriptor, out var known) ? known.Display : null;
}
