namespace FhirTrials.Benchmarks;

/// <summary>One document per input format the service reads, each the size of a real trial page.</summary>
public static class BenchmarkInputs
{
    private const string TestData = "tests/FhirTrials.Core.Tests/TestData/";

    public static IReadOnlyList<BenchmarkInput> All { get; } =
    [
        new("text ctgov-classic", "samples/ctgov-classic-NCT05032131.txt"),
        new("text veeva (labels)", "samples/veeva-NCT05947682.txt"),
        new("text veeva (blind)", "samples/veeva-NCT07326033.txt"),
        new("text recruitment", "samples/recruitment-site-NCT06592703.txt"),
        new("text aggregator", "samples/aggregator-NCT05774509.txt"),
        new("html veeva", TestData + "Seeds/veeva-NCT07326033.html"),
        new("html hospital", TestData + "Pages/hospital-trial-page.html"),
        new("ctgov json v2", TestData + "ClinicalTrialsGov/study-full.json"),
        new("ctgov xml", TestData + "ClinicalTrialsGov/clinical-study-full.xml"),
    ];

    /// <summary>
    /// Found by walking up to FhirTrials.sln, from the binaries and then from the working directory: BenchmarkDotNet
    /// runs each benchmark from a generated project's output folder below this one.
    /// </summary>
    public static string RepoRoot { get; } = FindRoot(AppContext.BaseDirectory) ?? FindRoot(Environment.CurrentDirectory)
        ?? throw new InvalidOperationException($"FhirTrials.sln not found above {AppContext.BaseDirectory} or {Environment.CurrentDirectory}.");

    public static BenchmarkInput Named(string name) =>
        All.FirstOrDefault(i => i.Name == name) ?? throw new ArgumentException($"No benchmark input is named '{name}'.", nameof(name));

    private static string? FindRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "FhirTrials.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
