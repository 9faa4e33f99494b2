using FhirTrials.Core.Fhir;
using FhirTrials.Core.Records;
using Hl7.Fhir.Model;

namespace FhirTrials.Core.Tests.Fhir;

public sealed class TrialFhirMapperTests
{
    private static MappingOptions Options => new(TestRecords.Recorded);

    [Fact]
    public void Every_resource_of_a_rich_record_parses_strictly_and_satisfies_the_R4_invariants()
    {
        var resources = TrialFhirMapper.Map(TestRecords.Rich(), Options);

        FhirAssert.Valid(resources.All().ToList());
    }

    [Fact]
    public void A_sparse_record_still_gives_valid_resources()
    {
        var resources = TrialFhirMapper.Map(TestRecords.Sparse(), Options);

        FhirAssert.Valid(resources.All().ToList());
        Assert.Equal(ResearchStudy.ResearchStudyStatus.ClosedToAccrual, resources.Study.Status);
    }

    [Fact]
    public void A_rich_record_gives_every_kind_of_resource_with_ids_from_the_trial_key()
    {
        var resources = TrialFhirMapper.Map(TestRecords.Rich(), Options);

        Assert.Equal("nct05032131", resources.Study.Id);
        Assert.Equal("nct05032131-protocol", resources.Protocol.Id);
        Assert.Equal("nct05032131-eligibility", resources.Eligibility.Id);
        Assert.Contains(resources.Organizations, o => o.Id == "org-assistance-publique-hopitaux-de-paris");
        Assert.Contains(resources.Organizations, o => o.Id == "org-cellectis");
        Assert.Contains(resources.Practitioners, p => p.Id == "pr-philippe-menasche");
        Assert.Contains(resources.Locations, l => l.Id == "loc-hopital-pitie-salpetriere-paris-fr");
        Assert.All(resources.PractitionerRoles, r => Assert.StartsWith("nct05032131-role-", r.Id, StringComparison.Ordinal));
        var provenance = Assert.Single(resources.Provenances);
        Assert.Equal(resources.All().Count() - 1, provenance.Target.Count);
    }

    [Fact]
    public void Mapping_the_same_record_twice_gives_identical_resources()
    {
        var first = TrialFhirMapper.Map(TestRecords.Rich(), Options).ToCollectionBundle();
        var second = TrialFhirMapper.Map(TestRecords.Rich(), Options).ToCollectionBundle();

        Assert.Equal(FhirFormat.ToJson(first), FhirFormat.ToJson(second));
    }

    [Fact]
    public void The_same_sponsor_and_site_in_two_trials_are_the_same_resources()
    {
        var first = TrialFhirMapper.Map(TestRecords.Rich(), Options);
        var other = TestRecords.Sparse();
        other.LeadSponsor = new Party("ASSISTANCE PUBLIQUE – HÔPITAUX DE PARIS");
        other.Locations.Add(new Site { Facility = "Hopital Pitie Salpetriere", City = "Paris", Country = "FR" });
        var second = TrialFhirMapper.Map(other, Options);

        Assert.Equal(first.Study.Sponsor!.Reference, second.Study.Sponsor!.Reference);
        Assert.Contains(second.Locations, l => first.Locations.Any(f => f.Id == l.Id));
        Assert.NotEqual(first.Study.Id, second.Study.Id);
    }

    [Fact]
    public void The_collection_bundle_has_one_entry_per_resource_with_a_fullUrl_the_references_resolve_against()
    {
        var resources = TrialFhirMapper.Map(TestRecords.Rich(), Options);

        var bundle = resources.ToCollectionBundle(new Uri("https://fhir.example.org/r4"));

        Assert.Equal(Bundle.BundleType.Collection, bundle.Type);
        Assert.Equal(resources.All().Count(), bundle.Entry.Count);
        Assert.Equal("https://fhir.example.org/r4/ResearchStudy/nct05032131", bundle.Entry[0].FullUrl);
        var fullUrls = bundle.Entry.Select(e => e.FullUrl).ToHashSet();
        Assert.Contains("https://fhir.example.org/r4/" + resources.Study.Sponsor!.Reference, fullUrls);
        FhirAssert.ParsesStrictly(bundle);
    }

    [Fact]
    public void Every_resource_carries_the_source_document_and_the_recorded_time_in_meta()
    {
        var resources = TrialFhirMapper.Map(TestRecords.Rich(), Options with { SourceDocumentUri = "https://acct.blob.core.windows.net/incoming/a.txt" });

        Assert.All(resources.All(), r =>
        {
            Assert.Equal("https://acct.blob.core.windows.net/incoming/a.txt", r.Meta!.Source);
            Assert.Equal(TestRecords.Recorded, r.Meta!.LastUpdated);
        });
    }

    [Fact]
    public void Without_a_blob_uri_the_document_is_named_by_its_content_hash()
    {
        var resources = TrialFhirMapper.Map(TestRecords.Rich(), Options);

        Assert.StartsWith("ni:///sha-256;P3m7e0NbBTIWUdrv03TNxoHcBvqmXjdOODN7iMoEbeo", resources.Study.Meta!.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bundle_of_two_trials_holds_their_shared_sponsor_once()
    {
        var first = TrialFhirMapper.Map(TestRecords.Rich(), Options);
        var other = TestRecords.Sparse();
        other.LeadSponsor = new Party("Assistance Publique - Hôpitaux de Paris");
        var second = TrialFhirMapper.Map(other, Options);

        var bundle = CollectionBundle.Of([first, second]);

        Assert.Single(bundle.Entry, e => e.Resource!.Id == "org-assistance-publique-hopitaux-de-paris");
        Assert.Equal(2, bundle.Entry.Count(e => e.Resource is ResearchStudy));
        FhirAssert.Valid(bundle.Entry.Select(e => e.Resource!).ToList());
    }
}
