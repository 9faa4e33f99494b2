using FhirTrials.Core.Search;
using Hl7.Fhir.Model;

namespace FhirTrials.Storage.Tests;

/// <summary>A small hand-made indexer (title, identifier, status, _id), standing in for the api's SearchIndexer in storage tests.</summary>
public static class TestIndexer
{
    public static IReadOnlyList<IndexEntry> Extract(Resource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var entries = new List<IndexEntry> { new("_id", resource.Id ?? "") };
        switch (resource)
        {
            case ResearchStudy study:
                if (study.Title is { } title)
                {
                    entries.Add(new IndexEntry("title", title.ToLowerInvariant()));
                }

                entries.AddRange(study.Identifier.Select(i => new IndexEntry("identifier", $"{i.System}|{i.Value}")));
                entries.AddRange(study.Identifier.Select(i => new IndexEntry("identifier", $"|{i.Value}")));
                if (study.Status is { } status)
                {
                    entries.Add(new IndexEntry("status", status.ToString().ToLowerInvariant()));
                }

                break;
            case PlanDefinition plan when plan.Title is { } planTitle:
                entries.Add(new IndexEntry("title", planTitle.ToLowerInvariant()));
                break;
        }

        return entries;
    }

    public static ResearchStudy Study(string id, string title, ResearchStudy.ResearchStudyStatus status = ResearchStudy.ResearchStudyStatus.Active) => new()
    {
        Id = id,
        Title = title,
        Status = status,
        Identifier = [new Identifier("https://clinicaltrials.gov", id.ToUpperInvariant())],
    };
}
