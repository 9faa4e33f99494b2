using FhirTrials.Storage.Emulator;
using FhirTrials.TestSupport;

namespace FhirTrials.Cli.Tests;

/// <summary>Runs the built CLI as a separate process, as a user would.</summary>
internal static class CliRunner
{
    /// <summary>Storage on a port where nothing listens (port 1 is never an Azurite's).</summary>
    public static readonly string UnreachableConnection = AzuriteProcess.BuildConnectionString(1, 1, 1);

    // Settings come from flags in these tests, never from the environment of whoever runs them.
    private static readonly string[] InheritedSettings = ["TrialStorage", "IncomingContainer", "TablePrefix", "FHIRTRIALS_TOKEN", "FHIRTRIALS_TOKEN_SCOPE"];

    public static Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args) =>
        RunInAsync(Environment.CurrentDirectory, args);

    public static Task<(int ExitCode, string Output, string Error)> RunInAsync(string workingDirectory, params string[] args) =>
        ChildProcess.RunAsync("dotnet", [Path.Combine(AppContext.BaseDirectory, "fhirtrials.dll"), .. args], workingDirectory, InheritedSettings);

    /// <summary>With environment variables set for the CLI (a setting under test read from the environment).</summary>
    public static Task<(int ExitCode, string Output, string Error)> RunWithEnvironmentAsync(IReadOnlyDictionary<string, string> environment, params string[] args) =>
        ChildProcess.RunAsync("dotnet", [Path.Combine(AppContext.BaseDirectory, "fhirtrials.dll"), .. args], Environment.CurrentDirectory, InheritedSettings, environment);

    /// <summary>What every failure must look like: reasons on stderr, no stack trace.</summary>
    public static void AssertNoStackTrace(string error)
    {
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception:", error, StringComparison.Ordinal);
    }
}
