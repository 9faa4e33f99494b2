using System.Text.Json;
using System.Text.RegularExpressions;
using FhirTrials.TestSupport;

namespace FhirTrials.Functions.Tests.Configuration;

/// <summary>
/// The README's test command builds FhirTrials.Local.slnf: it must hold every project of the solution, or a project
/// (as the Functions app once was) silently stops being compiled by the tests and CI.
/// </summary>
public sealed partial class SolutionFilterTests
{
    [Fact]
    public void The_test_commands_solution_filter_lists_every_project_of_the_solution()
    {
        var inSolution = ProjectLine().Matches(File.ReadAllText(Path.Combine(RepoPaths.Root, "FhirTrials.sln")))
            .Select(m => m.Groups[1].Value.Replace('\\', '/')).Order(StringComparer.Ordinal).ToList();
        using var filter = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "FhirTrials.Local.slnf")));
        var inFilter = filter.RootElement.GetProperty("solution").GetProperty("projects").EnumerateArray()
            .Select(p => p.GetString()!.Replace('\\', '/')).Order(StringComparer.Ordinal).ToList();

        Assert.Contains("src/FhirTrials.Functions/FhirTrials.Functions.csproj", inSolution);
        Assert.Equal(inSolution, inFilter);
    }

    [GeneratedRegex("^Project\\(\"[^\"]+\"\\) = \"[^\"]+\", \"([^\"]+\\.csproj)\"", RegexOptions.Multiline)]
    private static partial Regex ProjectLine();
}
