using FhirTrials.Core.Reading;
using FhirTrials.Core.Records;
using FhirTrials.TestSupport;

namespace FhirTrials.Core.Tests.Reading.ClinicalTrialsGov;

public sealed class CtGovXmlReaderTests
{
    private const string FullRecord = "clinical-study-full.xml";

    [Fact]
    public void A_full_legacy_record_reads_every_element_field_by_field()
    {
        var result = TrialDocumentReader.Read(TestDocuments.Bytes(FullRecord), FullRecord);

        Assert.Null(result.RejectionReason);
        Assert.Equal(DocumentFormat.ClinicalTrialsGovXml, result.Format);
        Assert.Equal("ctgov-legacy-xml", result.Layout);
        var record = Assert.Single(result.Records);
        GoldenFile.AssertMatches(TestDocuments.PathOf("clinical-study-full.expected.txt"), RecordFlattener.Flatten(record));
    }

    [Fact]
    public void Each_value_traces_to_the_lines_of_its_element()
    {
        var record = Assert.Single(TrialDocumentReader.Read(TestDocuments.Bytes(FullRecord), FullRecord).Records);

        AssertSpan(record, "identifiers[0]", TestDocuments.LineOf(FullRecord, "<nct_id>"));
        AssertSpan(record, "dates.start", TestDocuments.LineOf(FullRecord, "<start_date"));
        var wrapped = TestDocuments.LineOf(FullRecord, "Cochin Hand Function Scale score of 20");
        AssertSpan(record, "eligibility.inclusion[1]", wrapped, wrapped + 1);
        var location = TestDocuments.LineOf(FullRecord, "<location>");
        AssertSpan(record, "locations[0]", location, TestDocuments.LineOf(FullRecord, "</location>"));
    }

    [Fact]
    public void A_garbled_date_and_enrollment_are_warnings_and_the_rest_is_kept()
    {
        var xml = """
            <clinical_study>
              <id_info><nct_id>NCT09000006</nct_id></id_info>
              <brief_title>Garbled</brief_title>
              <start_date type="Actual">31/02/2024</start_date>
              <enrollment type="Anticipated">lots</enrollment>
            </clinical_study>
            """u8.ToArray();

        var record = Assert.Single(TrialDocumentReader.Read(xml, "garbled.xml").Records);

        Assert.Equal("Garbled", record.BriefTitle);
        Assert.Null(record.Dates.Start);
        Assert.Null(record.Enrollment);
        Assert.Contains(record.Warnings, w => w.Field == "dates.start" && w.Line == 4 && w.Message.Contains("31/02/2024", StringComparison.Ordinal));
        Assert.Contains(record.Warnings, w => w.Field == "enrollment" && w.Line == 5);
    }

    [Fact]
    public void Elements_outside_the_schema_are_named_in_warnings()
    {
        var xml = "<clinical_study>\n<id_info><nct_id>NCT09000007</nct_id></id_info>\n<sponsor_notes>x</sponsor_notes>\n</clinical_study>"u8.ToArray();

        var record = Assert.Single(TrialDocumentReader.Read(xml, "extra.xml").Records);

        var warning = Assert.Single(record.Warnings);
        Assert.Equal(("The element <sponsor_notes> is not understood; it was not read.", 3), (warning.Message, warning.Line));
    }

    [Fact]
    public void Malformed_xml_is_refused_with_its_line()
    {
        var result = TrialDocumentReader.Read("<clinical_study>\n<brief_title>x</brief>\n</clinical_study>"u8.ToArray(), "bad.xml");

        Assert.StartsWith("The XML could not be read (line 2)", result.RejectionReason, StringComparison.Ordinal);
    }

    private static void AssertSpan(TrialRecord record, string field, int first, int? last = null)
    {
        var span = Assert.Single(record.Provenance, p => p.Field == field);
        Assert.Equal(first, span.FirstLine);
        if (last is not null)
        {
            Assert.Equal(last, span.LastLine);
        }
    }
}
