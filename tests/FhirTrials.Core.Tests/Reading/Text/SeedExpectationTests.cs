using System.Security.Cryptography;
using System.Text;
using FhirTrials.Core.Reading.Text;
using FhirTrials.Core.Records;
using FhirTrials.TestSupport;
using Xunit.Sdk;

namespace FhirTrials.Core.Tests.Reading.Text;

/// <summary>
/// Each seed page against its hand-checked expectation file (every value the page holds). Both sides are
/// flattened to "path = value" lines, so a missing, extra or wrong field fails with a readable line diff.
/// </summary>
public sealed class SeedExpectationTests
{
    public static TheoryData<string> Seeds =>
    [
        "ctgov-classic-NCT05032131",
        "veeva-NCT05947682",
        "recruitment-site-NCT06592703",
        "veeva-NCT07326033",
        "aggregator-NCT05774509",
    ];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Seed_reads_to_its_hand_checked_record(string seed)
    {
        var record = ReadSeed(seed);

        AssertMatchesExpectation(seed, record);
    }

    internal static TrialRecord ReadSeed(string seed)
    {
        var bytes = File.ReadAllBytes(SeedPath($"{seed}.txt"));
        var result = PageTextReader.Read(Encoding.UTF8.GetString(bytes), new PageSource($"{seed}.txt", Hash(bytes), DocumentFormat.Text));
        Assert.Null(result.RejectionReason);
        return result.Record!;
    }

    internal static void AssertMatchesExpectation(string seed, TrialRecord record)
    {
        var expectedPath = Path.Combine(RepoPaths.Tests, "FhirTrials.Core.Tests", "TestData", "Seeds", $"{seed}.expected.json");
        var actualJson = RecordJson.Serialize(record);
        if (Environment.GetEnvironmentVariable("FHIRTRIALS_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(expectedPath, actualJson);
            return;
        }

        Assert.True(File.Exists(expectedPath), $"{expectedPath} is missing: write it by hand (or with FHIRTRIALS_UPDATE_GOLDEN=1, then check it line by line).");
        var expected = RecordJson.Flatten(File.ReadAllText(expectedPath));
        var actual = RecordJson.Flatten(actualJson);
        if (expected != actual)
        {
            throw new XunitException($"{seed}: the record differs from {Path.GetFileName(expectedPath)} (- expected, + actual):\n{LineDiff.Describe(expected, actual)}");
        }
    }

    internal static string SeedPath(string file) => Path.Combine(AppContext.BaseDirectory, "TestData", "Seeds", file);

    internal static string Hash(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
