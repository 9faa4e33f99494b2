using System.Security.Cryptography;
using FhirTrials.Core.Fhir;
using FhirTrials.Core.Reading;
using FhirTrials.Core.Reading.Text;
using FhirTrials.Core.Records;
using FhirTrials.TestSupport;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace FhirTrials.Core.Tests.Fhir;

/// <summary>
/// The real documents (the five seed pages, the CT.gov JSON and XML test documents) read by the readers and mapped:
/// every resource valid, the Bundle equal to its reviewed golden file, and unchanged by a JSON or XML round trip.
/// Rewrite the golden files with FHIRTRIALS_UPDATE_GOLDEN=1 and review the diff.
/// </summary>
public sealed class DocumentBundleTests
{
    private static string TestData { get; } = Path.Combine(RepoPaths.Tests, "FhirTrials.Core.Tests", "TestData");

    public static TheoryData<string> Documents => new(
        Directory.GetFiles(Path.Combine(TestData, "Seeds"), "*.txt")
            .Concat(Directory.GetFiles(Path.Combine(TestData, "ClinicalTrialsGov"), "*.json"))
            .Concat(Directory.GetFiles(Path.Combine(TestData, "ClinicalTrialsGov"), "*.xml"))
            .Where(f => !f.EndsWith(".bundle.json", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(TestData, f))
            .Order(StringComparer.Ordinal));

    private static Bundle Convert(string document)
    {
        var path = Path.Combine(TestData, document);
        var bytes = File.ReadAllBytes(path);
        IReadOnlyList<TrialRecord> records;
        if (path.EndsWith(".txt", StringComparison.Ordinal))
        {
            // Pages go straight to the page reader: TrialDocumentReader does not hand them over on main yet.
            var page = PageTextReader.Read(File.ReadAllText(path),
                new PageSource(Path.GetFileName(path), System.Convert.ToHexStringLower(SHA256.HashData(bytes)), DocumentFormat.Text));
            Assert.True(page.Record is not null, page.RejectionReason);
            records = [page.Record];
        }
        else
        {
            var result = TrialDocumentReader.Read(bytes, Path.GetFileName(path));
            Assert.False(result.IsRejected, result.RejectionReason);
            records = result.Records;
        }

        Assert.NotEmpty(records);
        return CollectionBundle.Of(records.Select(r => TrialFhirMapper.Map(r, new MappingOptions(TestRecords.Recorded))));
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void Every_resource_is_valid(string document) =>
        FhirAssert.Valid(Convert(document).Entry.Select(e => e.Resource!).ToList());

    [Theory]
    [MemberData(nameof(Documents))]
    public void The_bundle_matches_its_reviewed_golden_file(string document)
    {
        var golden = Path.Combine(TestData, Path.ChangeExtension(document, null) + ".bundle.json");

        GoldenFile.AssertMatches(golden, FhirFormat.ToJson(Convert(document)));
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void The_bundle_round_trips_through_JSON_and_XML(string document)
    {
        var bundle = Convert(document);
        var strict = new DeserializerSettings().UsingMode(DeserializationMode.Strict, null);

        Assert.True(bundle.IsExactly(new FhirJsonDeserializer(strict).DeserializeResource(FhirFormat.ToJson(bundle))));
        Assert.True(bundle.IsExactly(new FhirXmlDeserializer(strict).DeserializeResource(FhirFormat.ToXml(bundle))));
    }
}
