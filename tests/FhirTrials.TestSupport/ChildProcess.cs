using System.Diagnostics;

namespace FhirTrials.TestSupport;

/// <summary>Runs a program to completion and returns its exit code and both output streams.</summary>
public static class ChildProcess
{
    /// <param name="removeVariables">Environment variables the child must not inherit (settings under test come from arguments).</param>
    /// <param name="setVariables">Environment variables the child gets (a setting under test read from the environment).</param>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(
        string fileName, IEnumerable<string> args, string? workingDirectory = null, IEnumerable<string>? removeVariables = null,
        IReadOnlyDictionary<string, string>? setVariables = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var name in removeVariables ?? [])
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in setVariables ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

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
