using System.Diagnostics;

namespace FhirTrials.Cli.Tests;

public sealed class ProgramTests
{
    [Fact]
    public async Task An_unknown_command_exits_non_zero_and_names_the_commands()
    {
        var (exit, _, error) = await CliRunner.RunAsync("frobnicate");

        Assert.Equal(2, exit);
        Assert.Contains("unknown command 'frobnicate'", error, StringComparison.Ordinal);
    }
}

/// <summary>Runs the built CLI as a separate process, as a user would.</summary>
internal static class CliRunner
{
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
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
