using FhirTrials.Api.Rendering;
using FhirTrials.Core.Fhir.Terminology;
using FhirTrials.Core.Matching;
using Hl7.Fhir.Model;

namespace FhirTrials.Api.Match;

/// <summary>
/// The <c>$match</c> searchset: each study with <c>search.score</c> and, on <c>entry.search</c>, one
/// <see cref="CriterionUrl"/> extension per criterion (criterion code, outcome met | not-met | unknown, reason).
/// </summary>
public static class MatchBundleBuilder
{
    public const string CriterionUrl = CodeSystems.ProductBase + "/StructureDefinition/match-criterion";

    public static Bundle Build(
        Uri serviceBase, MatchRequest request, IReadOnlyList<(ResearchStudy Study, StudyMatch Match)> page, IReadOnlyList<Resource> included,
        int total, string? nextToken)
    {
        ArgumentNullException.ThrowIfNull(serviceBase);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(included);
        var self = new Uri(serviceBase, "ResearchStudy/$match").AbsoluteUri + "?"
            + string.Join("&", request.CanonicalParameters.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));
        var bundle = BundleBuilder.EmptySearchset(total, self, nextToken);
        foreach (var (study, match) in page)
        {
            var search = new Bundle.SearchComponent { Mode = Bundle.SearchEntryMode.Match, Score = (decimal)match.Score };
            search.Extension.AddRange(match.Criteria.Select(Criterion));
            bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = BundleBuilder.FullUrl(serviceBase, study), Resource = study, Search = search });
        }

        foreach (var resource in included)
        {
            bundle.Entry.Add(new Bundle.EntryComponent
            {
                FullUrl = BundleBuilder.FullUrl(serviceBase, resource),
                Resource = resource,
                Search = new Bundle.SearchComponent { Mode = Bundle.SearchEntryMode.Include },
            });
        }

        BundleBuilder.AddWarnings(bundle, request.Warnings);
        return bundle;
    }

    public static Extension Criterion(CriterionResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var extension = new Extension { Url = CriterionUrl };
        extension.Extension.Add(new Extension("criterion", new Code(result.Criterion)));
        extension.Extension.Add(new Extension("outcome", new Code(result.Outcome switch
        {
            CriterionOutcome.Met => "met",
            CriterionOutcome.NotMet => "not-met",
            _ => "unknown",
        })));
        extension.Extension.Add(new Extension("reason", new FhirString(result.Reason)));
        return extension;
    }
}
