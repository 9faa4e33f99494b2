using FhirTrials.Core.Search;
using Hl7.Fhir.Model;

namespace FhirTrials.Core.Tests.Search;

public sealed class SearchIndexerTests
{
    private static ResearchStudy Study() => new()
    {
        Id = "nct05032131",
        Meta = new Meta { VersionId = "2", LastUpdated = new DateTimeOffset(2026, 11, 23, 9, 30, 0, TimeSpan.Zero) },
        Identifier = [new Identifier("http://clinicaltrials.gov", "NCT05032131")],
        Title = "Adipose-derived SVF in Inclusion Body Myositis (Sjögren overlap)",
        Status = ResearchStudy.ResearchStudyStatus.Active,
        Condition =
        [
            new CodeableConcept("http://id.nlm.nih.gov/mesh", "D018979", "Myositis, Inclusion Body", "Inclusion Body Myositis"),
            new CodeableConcept { Text = "Sporadic IBM" },
        ],
        Period = new Period { Start = "2021-09", End = "2023-06-30" },
        Sponsor = new ResourceReference("Organization/org-1"),
        Site = [new ResourceReference("https://example.org/fhir/Location/loc-7/_history/3")],
        Protocol = [new ResourceReference("PlanDefinition/nct05032131")],
    };

    private static List<string> Keys(Resource resource, string parameter) =>
        SearchIndexer.Extract(resource).Where(e => e.Parameter == parameter).Select(e => e.Key).ToList();

    [Fact]
    public void Strings_are_folded()
    {
        Assert.Equal(["adipose-derived svf in inclusion body myositis (sjogren overlap)"], Keys(Study(), "title"));
    }

    [Fact]
    public void Tokens_get_one_key_per_query_form()
    {
        var identifier = Keys(Study(), "identifier");
        Assert.Contains("NCT05032131", identifier);
        Assert.Contains("http://clinicaltrials.gov|NCT05032131", identifier);
        Assert.Contains("http://clinicaltrials.gov|", identifier);
        Assert.DoesNotContain("|NCT05032131", identifier);

        var status = Keys(Study(), "status");
        Assert.Contains("active", status);
        Assert.Contains("http://hl7.org/fhir/research-study-status|active", status);
    }

    [Fact]
    public void Condition_indexes_codes_and_folded_text()
    {
        var condition = Keys(Study(), "condition");
        Assert.Contains("http://id.nlm.nih.gov/mesh|D018979", condition);
        Assert.Contains("D018979", condition);
        Assert.Contains("~inclusion body myositis", condition);
        Assert.Contains("~myositis, inclusion body", condition);
        Assert.Contains("~sporadic ibm", condition);
    }

    [Fact]
    public void Token_separators_inside_values_are_escaped()
    {
        var study = new ResearchStudy { Identifier = [new Identifier(null, "A|B")], Status = ResearchStudy.ResearchStudyStatus.Active };
        var keys = Keys(study, "identifier");
        Assert.Contains(@"A\|B", keys);
        Assert.Contains(@"|A\|B", keys);
    }

    [Fact]
    public void References_are_relative_type_and_id_without_version()
    {
        Assert.Equal(["Organization/org-1"], Keys(Study(), "sponsor"));
        Assert.Equal(["Location/loc-7"], Keys(Study(), "site"));
        Assert.Equal(["PlanDefinition/nct05032131"], Keys(Study(), "protocol"));
    }

    [Fact]
    public void Periods_cover_from_the_start_of_the_start_to_the_end_of_the_end()
    {
        var date = Assert.Single(SearchIndexer.Extract(Study()), e => e.Parameter == "date");
        Assert.Equal("2021-09-01T00:00:00", date.Key);
        Assert.Equal(date.Key, date.Low);
        Assert.Equal("2023-06-30T23:59:59.9999999", date.High);
    }

    [Fact]
    public void Open_periods_run_to_the_end_of_time()
    {
        var study = new ResearchStudy { Period = new Period { Start = "2024" }, Status = ResearchStudy.ResearchStudyStatus.Active };
        var date = Assert.Single(SearchIndexer.Extract(study), e => e.Parameter == "date");
        Assert.Equal("9999-12-31T23:59:59.9999999", date.High);
    }

    [Fact]
    public void Id_and_lastUpdated_are_indexed_for_every_type()
    {
        Assert.Equal(["nct05032131"], Keys(Study(), "_id"));
        var updated = Assert.Single(SearchIndexer.Extract(Study()), e => e.Parameter == "_lastUpdated");
        Assert.Equal("2026-11-23T09:30:00", updated.Key);
        Assert.Equal("2026-11-23T09:30:00", updated.High);
    }

    [Fact]
    public void Absent_elements_give_no_entries()
    {
        var entries = SearchIndexer.Extract(new ResearchStudy { Status = ResearchStudy.ResearchStudyStatus.Active });
        Assert.DoesNotContain(entries, e => e.Parameter is "title" or "sponsor" or "date" or "condition");
    }

    [Fact]
    public void Practitioner_names_are_searchable_by_part_and_whole()
    {
        var practitioner = new Practitioner { Name = [new HumanName { Family = "Gómez", Given = ["Ana", "María"], Prefix = ["Dr."] }] };
        var name = Keys(practitioner, "name");
        Assert.Contains("gomez", name);
        Assert.Contains("ana", name);
        Assert.Contains("ana maria gomez", name);
        Assert.Equal(["gomez"], Keys(practitioner, "family"));
    }

    [Fact]
    public void Provenance_targets_are_references()
    {
        var provenance = new Provenance { Target = [new ResourceReference("ResearchStudy/a"), new ResourceReference("PlanDefinition/a")] };
        Assert.Equal(["ResearchStudy/a", "PlanDefinition/a"], Keys(provenance, "target"));
    }

    [Fact]
    public void PlanDefinition_url_and_version_are_indexed()
    {
        var plan = new PlanDefinition { Url = "https://fhirtrials.org/PlanDefinition/x", Version = "2", Status = PublicationStatus.Active };
        Assert.Equal(["https://fhirtrials.org/PlanDefinition/x"], Keys(plan, "url"));
        Assert.Contains("2", Keys(plan, "version"));
    }

    [Fact]
    public void Unsupported_types_give_no_entries() =>
        Assert.Empty(SearchIndexer.Extract(new Patient { Id = "p" }));
}
