using FhirTrials.Core.Fhir;
using FhirTrials.Core.Records;
using Hl7.Fhir.Model;

namespace FhirTrials.Core.Tests.Fhir;

public sealed class ProvenanceMapperTests
{
    private static readonly SourceInfo Source = new("page.txt", TestRecords.Hash, DocumentFormat.Text, "ctgov-classic-page", "1.2.0");

    [Fact]
    public void The_id_comes_from_the_trial_key_and_the_content_hash()
    {
        var options = new MappingOptions(TestRecords.Recorded);

        var first = ProvenanceMapper.Map(Source, "nct05032131", [], options);
        var again = ProvenanceMapper.Map(Source, "nct05032131", [], options with { Recorded = TestRecords.Recorded.AddDays(1) });
        var otherDocument = ProvenanceMapper.Map(Source with { ContentHash = new string('0', 64) }, "nct05032131", [], options);

        Assert.Equal("prov-nct05032131-3f79bb7b435b0532", first.Id);
        Assert.Equal(first.Id, again.Id);
        Assert.NotEqual(first.Id, otherDocument.Id);
    }

    [Fact]
    public void Targets_entity_agent_and_reader_version_are_recorded()
    {
        var study = new ResearchStudy { Id = "nct05032131" };
        var group = new Group { Id = "nct05032131-eligibility" };

        var provenance = ProvenanceMapper.Map(Source, "nct05032131", [study, group],
            new MappingOptions(TestRecords.Recorded, "https://acct.blob.core.windows.net/incoming/page.txt"));

        Assert.Equal(["ResearchStudy/nct05032131", "Group/nct05032131-eligibility"], provenance.Target.Select(t => t.Reference));
        Assert.Equal(TestRecords.Recorded, provenance.Recorded);
        var entity = Assert.Single(provenance.Entity);
        Assert.Equal(Provenance.ProvenanceEntityRole.Source, entity.Role);
        Assert.Equal("https://acct.blob.core.windows.net/incoming/page.txt", entity.What!.Identifier!.Value);
        Assert.Contains("layout ctgov-classic-page, reader 1.2.0", entity.What!.Display, StringComparison.Ordinal);
        Assert.Equal("assembler", Assert.Single(provenance.Agent).Type!.Coding[0].Code);
        FhirAssert.ParsesStrictly(provenance);
    }

    [Fact]
    public void Fields_the_reader_inferred_are_named_in_the_narrative()
    {
        var provenance = ProvenanceMapper.Map(Source, "nct05032131", [], new MappingOptions(TestRecords.Recorded, null), ["status", "eligibility.sex"]);
        var plain = ProvenanceMapper.Map(Source, "nct05032131", [], new MappingOptions(TestRecords.Recorded, null));

        Assert.Contains("Inferred, not read from a label", provenance.Text!.Div, StringComparison.Ordinal);
        Assert.Contains("status, eligibility.sex", provenance.Text.Div, StringComparison.Ordinal);
        Assert.DoesNotContain("Inferred", plain.Text!.Div, StringComparison.Ordinal);
    }
}
