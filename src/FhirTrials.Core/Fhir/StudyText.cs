using FhirTrials.Core.Fhir.Terminology;
using FhirTrials.Core.Records;
using Hl7.Fhir.Model;

namespace FhirTrials.Core.Fhir;

/// <summary>The study's words: title, description, conditions, interventions, references and notes.</summary>
internal static class StudyText
{
    public static string Title(TrialRecord record, string key) =>
        First(record.OfficialTitle, record.BriefTitle, record.Acronym) ?? record.NctId ?? key;

    /// <summary>Markdown: the brief summary, then the detailed description under its own heading.</summary>
    public static Markdown? Description(TrialRecord record)
    {
        var summary = record.BriefSummary?.Trim();
        var detailed = record.DetailedDescription?.Trim();
        if (string.IsNullOrEmpty(summary) && string.IsNullOrEmpty(detailed))
        {
            return null;
        }

        if (string.IsNullOrEmpty(detailed) || detailed == summary)
        {
            return new Markdown(summary);
        }

        return new Markdown(string.IsNullOrEmpty(summary) ? detailed : summary + "\n\n## Detailed description\n\n" + detailed);
    }

    /// <summary>Conditions as written, each with its MeSH coding when a MeSH term of the same name is listed; MeSH terms
    /// that match no condition are added as coded conditions of their own.</summary>
    public static IEnumerable<CodeableConcept> Conditions(TrialRecord record)
    {
        var mesh = record.ConditionMeshTerms.Where(m => !string.IsNullOrWhiteSpace(m.Term)).ToList();
        var used = new HashSet<MeshTerm>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var condition in record.Conditions.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c.Trim()))
        {
            if (!seen.Add(condition))
            {
                continue;
            }

            var concept = new CodeableConcept { Text = condition };
            foreach (var term in mesh.Where(m => string.Equals(m.Term.Trim(), condition, StringComparison.OrdinalIgnoreCase)))
            {
                concept.Coding.Add(MeshCoding(term));
                used.Add(term);
            }

            yield return concept;
        }

        foreach (var term in mesh.Where(m => !used.Contains(m) && seen.Add(m.Term.Trim())))
        {
            yield return new CodeableConcept { Coding = [MeshCoding(term)], Text = term.Term.Trim() };
        }
    }

    /// <summary>Interventions (name, type in text) and the intervention MeSH terms as coded focus entries.</summary>
    public static IEnumerable<CodeableConcept> Focus(TrialRecord record)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var intervention in record.Interventions.Where(i => !string.IsNullOrWhiteSpace(i.Name)))
        {
            if (!seen.Add(intervention.Name.Trim()))
            {
                continue;
            }

            var concept = new CodeableConcept { Text = intervention.Name.Trim() };
            if (intervention.Type is { } type)
            {
                var (code, display) = DesignCodes.InterventionType(type);
                concept.Coding.Add(new Coding(CodeSystems.InterventionType, code, display));
            }

            yield return concept;
        }

        foreach (var term in record.InterventionMeshTerms.Where(m => !string.IsNullOrWhiteSpace(m.Term) && seen.Add(m.Term.Trim())))
        {
            yield return new CodeableConcept { Coding = [MeshCoding(term)], Text = term.Term.Trim() };
        }
    }

    public static IEnumerable<RelatedArtifact> RelatedArtifacts(TrialRecord record)
    {
        foreach (var citation in record.References.Where(c => !string.IsNullOrWhiteSpace(c.Text) || c.Pmid is not null || c.Doi is not null))
        {
            var pmid = citation.Pmid?.Trim();
            var doi = citation.Doi?.Trim();
            yield return new RelatedArtifact
            {
                Type = RelatedArtifact.RelatedArtifactType.Citation,
                Label = pmid is { Length: > 0 } ? "PMID " + pmid : doi is { Length: > 0 } ? "DOI " + doi : null,
                Display = citation.Type?.ToString(),
                Citation = string.IsNullOrWhiteSpace(citation.Text) ? null : new Markdown(citation.Text.Trim()),
                Url = pmid is { Length: > 0 } && pmid.All(char.IsAsciiDigit)
                    ? $"https://pubmed.ncbi.nlm.nih.gov/{pmid}/"
                    : doi is { Length: > 0 } ? "https://doi.org/" + Uri.EscapeDataString(doi).Replace("%2F", "/", StringComparison.Ordinal) : null,
            };
        }

        if (AbsoluteUrl(record.Source.SourceUrl) is { } page)
        {
            yield return new RelatedArtifact
            {
                Type = RelatedArtifact.RelatedArtifactType.Documentation,
                Label = "Source page",
                Display = record.Source.SiteName ?? "Registry page this record was read from",
                Url = page,
            };
        }

        if (AbsoluteUrl(record.IpdSharing?.Url) is { } ipd)
        {
            yield return new RelatedArtifact { Type = RelatedArtifact.RelatedArtifactType.Documentation, Label = "IPD sharing", Url = ipd };
        }
    }

    /// <summary>Facts with no R4 element, as short markdown notes.</summary>
    public static IEnumerable<string> Notes(TrialRecord record)
    {
        if (StudyDates.Describe(StudyDates.Valid(record.Dates.PrimaryCompletion)) is { } primaryCompletion)
        {
            yield return "Primary completion: " + primaryCompletion;
        }

        if (!string.IsNullOrWhiteSpace(record.Eligibility.StudyPopulation))
        {
            yield return "Study population: " + record.Eligibility.StudyPopulation.Trim();
        }

        if (!string.IsNullOrWhiteSpace(record.Eligibility.SamplingMethod))
        {
            yield return "Sampling method: " + record.Eligibility.SamplingMethod.Trim();
        }

        if (record.IpdSharing is { } ipd && (ipd.Plan is not null || !string.IsNullOrWhiteSpace(ipd.Description)))
        {
            var parts = new[]
            {
                ipd.Plan is { } plan ? "Plan to share IPD: " + plan : null,
                ipd.Description,
                ipd.InfoTypes.Count > 0 ? "Supporting information: " + string.Join(", ", ipd.InfoTypes) : null,
                ipd.TimeFrame is null ? null : "Time frame: " + ipd.TimeFrame,
                ipd.AccessCriteria is null ? null : "Access criteria: " + ipd.AccessCriteria,
            };
            yield return "Individual participant data sharing. " + string.Join(" ", parts.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p!.Trim()));
        }

        if (record.IsFdaRegulatedDrug is { } drug)
        {
            yield return "Studies a U.S. FDA-regulated drug product: " + (drug ? "yes" : "no");
        }

        if (record.IsFdaRegulatedDevice is { } device)
        {
            yield return "Studies a U.S. FDA-regulated device product: " + (device ? "yes" : "no");
        }
    }

    private static Coding MeshCoding(MeshTerm term) =>
        new() { System = CodeSystems.Mesh, Code = string.IsNullOrWhiteSpace(term.Id) ? null : term.Id.Trim(), Display = term.Term.Trim() };

    private static string? AbsoluteUrl(string? url) =>
        Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? uri.AbsoluteUri
            : null;

    private static string? First(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();
}
