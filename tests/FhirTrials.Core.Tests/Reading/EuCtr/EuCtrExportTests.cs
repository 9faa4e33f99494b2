using System.Text;
using FhirTrials.Core.Fhir;
using FhirTrials.Core.Reading;
using FhirTrials.Core.Records;
using FhirTrials.Core.Tests.Fhir;
using FhirTrials.Core.Tests.Reading.Text;
using FhirTrials.TestSupport;
using Xunit.Sdk;

namespace FhirTrials.Core.Tests.Reading.EuCtr;

/// <summary>
/// Real EU Clinical Trials Register export records (TestData/EuCtr, README there) read through the whole document
/// reader and checked against their hand-written <c>.facts</c>, then mapped to FHIR.
/// </summary>
public sealed class EuCtrExportTests
{
    private const string Sample = "euctr-export-sample.txt";

    public static string Folder { get; } = Path.Combine(RepoPaths.Tests, "FhirTrials.Core.Tests", "TestData", "EuCtr");

    public static TheoryData<string> Trials() => ["2022-002568-62", "2021-002179-21"];

    [Theory]
    [MemberData(nameof(Trials))]
    public void A_trial_of_the_sample_export_gives_every_hand_written_fact(string eudraCt)
    {
        var record = ReadSample().Records.Single(r => r.Identifiers[0].Value == eudraCt);

        AssertFacts(eudraCt, record);
    }

    [Fact]
    public void One_member_state_record_read_alone_gives_its_own_facts()
    {
        var text = File.ReadAllText(Path.Combine(Folder, Sample)).ReplaceLineEndings("\n");
        var header = text[..text.IndexOf("\nSummary\n", StringComparison.Ordinal)];
        var start = text.IndexOf("Summary\nEudraCT Number: 2022-002568-62\nSponsor's Protocol Code Number: AVB-PGRN-001\nNational Competent Authority: Sweden", StringComparison.Ordinal);
        var end = text.IndexOf("Summary\nEudraCT Number:", start + 10, StringComparison.Ordinal);
        var export = header + "\n\n" + text[start..end];

        var result = TrialDocumentReader.Read(Encoding.UTF8.GetBytes(export), "2022-002568-62-SE.txt");

        AssertFacts("2022-002568-62-SE", Assert.Single(result.Records));
    }

    [Fact]
    public void A_multi_trial_export_gives_one_record_per_trial_in_file_order()
    {
        var result = ReadSample();

        Assert.Null(result.RejectionReason);
        Assert.Equal(DocumentFormat.EuCtrText, result.Format);
        Assert.Equal("euctr-full-text", result.Layout);
        Assert.Equal(["2022-002568-62", "2021-002179-21"], result.Records.Select(r => r.Identifiers[0].Value));
    }

    [Fact]
    public void Every_record_of_the_export_maps_to_valid_FHIR()
    {
        foreach (var record in ReadSample().Records)
        {
            var resources = TrialFhirMapper.Map(record, new MappingOptions(TestRecords.Recorded));

            FhirAssert.Valid(resources.All().ToList());
            Assert.Equal(record.Locations.Count, resources.Locations.Count);
        }
    }

    [Fact]
    public void Field_provenance_points_at_the_lines_of_the_first_member_state_block()
    {
        var record = ReadSample().Records[0];
        var lines = File.ReadAllLines(Path.Combine(Folder, Sample));

        var title = record.Provenance.Single(p => p.Field == "officialTitle");
        Assert.StartsWith("A.3 Full title of the trial: A Phase 1/2", lines[title.FirstLine - 1], StringComparison.Ordinal);
        var exclusion = record.Provenance.First(p => p.Field == "eligibility.exclusion[0]");
        Assert.StartsWith("E.4 Principal exclusion criteria: 1. Classification", lines[exclusion.FirstLine - 1], StringComparison.Ordinal);
        Assert.StartsWith("12. Contraindications to lumbar puncture", lines[exclusion.LastLine - 1], StringComparison.Ordinal);
    }

    [Fact]
    public void The_copied_protocol_page_of_the_register_is_left_to_the_page_reader()
    {
        var page = File.ReadAllBytes(Path.Combine(RepoPaths.Tests, "FhirTrials.Core.Tests", "TestData", "RealPages", "euctr-trial-protocol.txt"));

        var result = TrialDocumentReader.Read(page, "euctr-trial-protocol.txt");

        Assert.Equal(DocumentFormat.Text, result.Format);
        Assert.NotEqual("euctr-full-text", result.Layout);
    }

    private static DocumentReadResult ReadSample() =>
        TrialDocumentReader.Read(File.ReadAllBytes(Path.Combine(Folder, Sample)), Sample);

    private static void AssertFacts(string name, TrialRecord record)
    {
        var facts = RealPageFacts.Load(Path.Combine(Folder, name + ".facts"));
        var misses = facts.Misses(RecordFlattener.Flatten(record));
        if (misses.Count > 0)
        {
            throw new XunitException($"{name}: {misses.Count} of {facts.Facts.Count} facts missed:\n  {string.Join("\n  ", misses)}");
        }
    }
}
