using System.Diagnostics;
using FhirTrials.TestSupport;

namespace FhirTrials.Cli.Tests.Failures;

public sealed class UnreachableStorageTests
{
    // The CLI retries once after half a second; the process start-up is most of the rest.
    private static readonly TimeSpan Fast = TimeSpan.FromSeconds(8);

    [Fact]
    public async Task Status_names_the_endpoint_and_the_fix_within_seconds()
    {
        var clock = Stopwatch.StartNew();
        var (exit, _, error) = await CliRunner.RunAsync("status", "--connection", CliRunner.UnreachableConnection);

        Assert.Equal(ExitCodes.StorageUnreachable, exit);
        Assert.True(clock.Elapsed < Fast, $"took {clock.Elapsed}");
        Assert.Contains("storage at http://127.0.0.1:1 did not answer", error, StringComparison.Ordinal);
        Assert.Contains("dotnet run --project src/FhirTrials.Server", error, StringComparison.Ordinal);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        CliRunner.AssertNoStackTrace(error);
    }

    [Fact]
    public async Task Upload_names_the_container_endpoint_and_the_fix_within_seconds()
    {
        var clock = Stopwatch.StartNew();
        var (exit, _, error) = await CliRunner.RunAsync(
            "upload", Path.Combine(RepoPaths.Samples, "ctgov-classic-NCT05032131.txt"), "--connection", CliRunner.UnreachableConnection, "--container", "nowhere");

        Assert.Equal(ExitCodes.StorageUnreachable, exit);
        Assert.True(clock.Elapsed < Fast, $"took {clock.Elapsed}");
        Assert.Contains("cannot reach container 'nowhere'", error, StringComparison.Ordinal);
        Assert.Contains("http://127.0.0.1:1", error, StringComparison.Ordinal);
        Assert.Contains("dotnet run --project src/FhirTrials.Server", error, StringComparison.Ordinal);
        CliRunner.AssertNoStackTrace(error);
    }
}
