using FhirTrials.TestSupport;

namespace FhirTrials.Core.Tests.Reading;

/// <summary>Test documents and expectation files under tests/FhirTrials.Core.Tests/TestData.</summary>
internal static class TestDocuments
{
    public static string Folder { get; } = Path.Combine(RepoPaths.Tests, "FhirTrials.Core.Tests", "TestData", "ClinicalTrialsGov");

    public static string PathOf(string name) => Path.Combine(Folder, name);

    public static byte[] Bytes(string name) => File.ReadAllBytes(PathOf(name));

    /// <summary>1-based number of the first line holding <paramref name="text"/> (after line <paramref name="after"/>).</summary>
    public static int LineOf(string name, string text, int after = 0)
    {
        var lines = File.ReadAllLines(PathOf(name));
        for (var i = after; i < lines.Length; i++)
        {
            if (lines[i].Contains(text, StringComparison.Ordinal))
            {
                return i + 1;
            }
        }

        throw new InvalidOperationException($"'{text}' is not in {name} after line {after}.");
    }
}
