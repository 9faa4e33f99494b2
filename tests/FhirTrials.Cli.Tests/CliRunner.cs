using FhirTrials.TestSupport;

namespace FhirTrials.Cli.Tests;

/// <summary>Runs the built CLI as a separate process, as a user would.</summary>
internal static class CliRunner
{
    // Settings come from flags in these tests, never from the environment of whoever runs them.
    private static readonly string[] InheritedSettings = ["TrialStorage", "IncomingContainer"];

    public static Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args) =>
        RunInAsync(Environment.CurrentDirectory, args);

    public static Task<(int ExitCode, string Output, string Error)> RunInAsync(string workingDirectory, params string[] args) =>
        ChildProcess.RunAsync("dotnet", [Path.Combine(AppContext.BaseDirectory, "fhirtrials.dll"), .. args], workingDirectory, InheritedSettings);
}
