namespace FhirTrials.Benchmarks;

/// <summary>One benchmarked document.</summary>
/// <param name="Name">Shown in the tables and matched by <c>--filter</c>.</param>
/// <param name="RelativePath">From the repository root.</param>
public sealed record BenchmarkInput(string Name, string RelativePath)
{
    public byte[] ReadBytes() => File.ReadAllBytes(Path.Combine(BenchmarkInputs.RepoRoot, RelativePath));

    public string FileName => Path.GetFileName(RelativePath);
}
