using FhirTrials.Core.Reading;
using FhirTrials.Core.Records;
using FhirTrials.TestSupport;

namespace FhirTrials.Core.Tests.Reading.ClinicalTrialsGov;

public sealed class CtGovJsonReaderTests
{
    private const string FullStudy = "study-full.json";
    private const string Page = "studies-page.json";

    [Fact]
    public void A_full_study_reads_every_module_field_by_field()
    {
        var result = TrialDocumentReader.Read(TestDocuments.Bytes(FullStudy), FullStudy);

        Assert.Null(result.RejectionReason);
        Assert.Equal(DocumentFormat.ClinicalTrialsGovJson, result.Format);
        Assert.Equal("ctgov-api-v2", result.Layout);
        var record = Assert.Single(result.Records);
        GoldenFile.AssertMatches(TestDocuments.PathOf("study-full.expected.txt"), RecordFlattener.Flatten(record));
    }

    [Fact]
    public void Each_value_traces_to_the_lines_it_came_from()
    {
        var record = Assert.Single(TrialDocumentReader.Read(TestDocuments.Bytes(FullStudy), FullStudy).Records);

        AssertSpan(record, "identifiers[0]", TestDocuments.LineOf(FullStudy, "\"nctId\""));
        AssertSpan(record, "officialTitle", TestDocuments.LineOf(FullStudy, "\"officialTitle\""));
        AssertSpan(record, "status", TestDocuments.LineOf(FullStudy, "\"overallStatus\""));
        AssertSpan(record, "dates.start", TestDocuments.LineOf(FullStudy, "\"startDateStruct\""));
        AssertSpan(record, "eligibility.exclusion[2]", TestDocuments.LineOf(FullStudy, "\"eligibilityCriteria\""));

        var firstLocation = TestDocuments.LineOf(FullStudy, "\"locations\"") + 1;
        var secondLocation = TestDocuments.LineOf(FullStudy, "\"facility\": \"Hôpital Fondation") - 1;
        var span = Assert.Single(record.Provenance, p => p.Field == "locations[0]");
        Assert.Equal((firstLocation, secondLocation - 1), (span.FirstLine, span.LastLine));
    }

    [Fact]
    public void A_search_page_gives_one_record_per_study_with_lines_in_the_whole_page()
    {
        var result = TrialDocumentReader.Read(TestDocuments.Bytes(Page), Page);

        Assert.Null(result.RejectionReason);
        Assert.Equal("ctgov-api-v2-search-page", result.Layout);
        GoldenFile.AssertMatches(TestDocuments.PathOf("studies-page.expected.txt"), RecordFlattener.Flatten(result.Records));
        var third = result.Records[2];
        AssertSpan(third, "identifiers[0]", TestDocuments.LineOf(Page, "\"NCT09000004\""));
    }

    [Fact]
    public void A_study_without_protocolSection_in_a_page_is_skipped_with_a_warning()
    {
        var page = """{"studies":[{"derivedSection":{}},{"protocolSection":{"identificationModule":{"nctId":"NCT01000001"}}}]}"""u8.ToArray();

        var result = TrialDocumentReader.Read(page, "page.json");

        Assert.Equal("NCT01000001", Assert.Single(result.Records).NctId);
        Assert.Contains(result.Warnings, w => w.Message.Contains("Study 1 of the page", StringComparison.Ordinal));
    }

    [Fact]
    public void Json_that_is_not_a_study_is_refused_in_plain_words()
    {
        var result = TrialDocumentReader.Read("""{"recipe":"crêpes","eggs":3}"""u8.ToArray(), "recipe.json");

        Assert.Equal("The JSON has no ClinicalTrials.gov study (protocolSection) in it.", result.RejectionReason);
        Assert.Empty(result.Records);
    }

    [Fact]
    public void Values_that_do_not_normalise_become_warnings_naming_the_field()
    {
        var json = """
            {"protocolSection":{
              "identificationModule":{"nctId":"NCT01000002"},
              "statusModule":{"overallStatus":"SLEEPING","startDateStruct":{"date":"2024-02-31","type":"ACTUAL"}},
              "designModule":{"enrollmentInfo":{"count":"lots"}}}}
            """u8.ToArray();

        var record = Assert.Single(TrialDocumentReader.Read(json, "garbled.json").Records);

        Assert.Null(record.Status);
        Assert.Null(record.Dates.Start);
        Assert.Null(record.Enrollment);
        Assert.Contains(record.Warnings, w => w.Field == "status" && w.Message.Contains("SLEEPING", StringComparison.Ordinal) && w.Line == 3);
        Assert.Contains(record.Warnings, w => w.Field == "dates.start" && w.Message.Contains("2024-02-31", StringComparison.Ordinal));
        Assert.Contains(record.Warnings, w => w.Field == "enrollment" && w.Message.Contains("lots", StringComparison.Ordinal));
    }

    [Fact]
    public void Results_and_unknown_modules_are_named_in_warnings_not_dropped_silently()
    {
        var json = """
            {"protocolSection":{"identificationModule":{"nctId":"NCT01000003"},
             "futureModule":{"x":1}},
             "resultsSection":{"participantFlowModule":{}}}
            """u8.ToArray();

        var record = Assert.Single(TrialDocumentReader.Read(json, "results.json").Records);

        Assert.Contains(record.Warnings, w => w.Message == "The protocolSection module 'futureModule' is not understood; it was not read." && w.Line == 2);
        Assert.Contains(record.Warnings, w => w.Message == "The study's resultsSection is not part of the trial record; it was not read." && w.Line == 3);
    }

    private static void AssertSpan(TrialRecord record, string field, int line)
    {
        var span = Assert.Single(record.Provenance, p => p.Field == field);
        Assert.Equal(line, span.FirstLine);
    }
}
