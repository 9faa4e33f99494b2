using FhirTrials.Core.Fhir;
using FhirTrials.TestSupport;

namespace FhirTrials.Core.Tests.Fhir;

/// <summary>
/// The whole Bundle for known records, compared with reviewed files: a changed mapping shows as a readable diff.
/// Rewrite with FHIRTRIALS_UPDATE_GOLDEN=1, then review the diff before committing.
/// </summary>
public sealed class GoldenBundleTests
{
    private static MappingOptions Options => new(TestRecords.Recorded);

    [Fact]
    public void The_rich_hand_built_record_maps_to_its_reviewed_bundle()
    {
        var bundle = TrialFhirMapper.Map(TestRecords.Rich(), Options).ToCollectionBundle();

        GoldenFile.AssertMatches(Path.Combine(RepoPaths.Tests, "FhirTrials.Core.Tests", "TestData", "Mapping", "rich-record.bundle.json"), FhirFormat.ToJson(bundle));
    }
}
