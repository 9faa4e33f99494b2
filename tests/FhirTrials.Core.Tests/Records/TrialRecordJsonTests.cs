using FhirTrials.Core.Reading;
using FhirTrials.Core.Records;
using FhirTrials.Core.Tests.Reading;

namespace FhirTrials.Core.Tests.Records;

public sealed class TrialRecordJsonTests
{
    [Fact]
    public void A_record_survives_a_round_trip_through_its_json()
    {
        var record = Assert.Single(TrialDocumentReader.Read(TestDocuments.Bytes("study-full.json"), "study-full.json").Records);

        var json = TrialRecordJson.Serialize(record);
        var back = TrialRecordJson.Deserialize(json)!;

        Assert.Equal(json, TrialRecordJson.Serialize(back));
        Assert.Equal(record.Provenance.Count, back.Provenance.Count);
        Assert.Equal(record.Eligibility.Exclusion, back.Eligibility.Exclusion);
    }

    [Fact]
    public void Json_uses_camel_case_enum_names_and_leaves_out_nulls_and_empty_lists()
    {
        var record = new TrialRecord { Source = new SourceInfo("a.json", "00", DocumentFormat.Text, "labelled-page", "1.0") };
        record.Phases.Add(TrialPhase.Phase2);

        var json = TrialRecordJson.Serialize(record);

        Assert.Contains("\"phases\": [\n    \"Phase2\"\n  ]", json.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("\"documentName\": \"a.json\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("null", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"conditions\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("BriefTitle", json, StringComparison.OrdinalIgnoreCase);
    }
}
