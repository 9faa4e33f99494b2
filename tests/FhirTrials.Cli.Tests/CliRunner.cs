using System.Diagnostics;

namespace FhirTrials.Cli.Tests;

/// <summary>Runs the built CLI as a separate process, as a user would.</summary>
internal static class CliRunner
{
    public static Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args) =>
        RunInAsync(Environment.CurrentDirectory, args);

    public static async Task<(int ExitCode, string Output, string Error)> RunInAsync(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        // Settings come from flags in these tests, never from the environment of whoever runs them.
        start.Environment.Remove("TrialStorage");
        start.Environment.Remove("IncomingContainer");
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "fhirtrials.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }
}
