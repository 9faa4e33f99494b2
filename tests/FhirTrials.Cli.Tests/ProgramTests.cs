namespace FhirTrials.Cli.Tests;

public sealed class ProgramTests
{
    public static TheoryData<string, string[]> CommandOptions => new()
    {
        { "extract", ["<file>"] },
        { "convert", ["<file>", "--xml", "--recorded", "--base"] },
        { "upload", ["<path>", "--force", "--connection", "--container"] },
        { "status", ["--count", "--outcome", "--connection", "--table-prefix"] },
    };

    [Fact]
    public async Task An_unknown_command_is_bad_usage_on_stderr_with_where_to_look()
    {
        var (exit, _, error) = await CliRunner.RunAsync("frobnicate");

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("'frobnicate'", error, StringComparison.Ordinal);
        Assert.Contains("Run 'fhirtrials --help'", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_lists_every_command_and_the_exit_codes()
    {
        var (exit, output, _) = await CliRunner.RunAsync("--help");

        Assert.Equal(0, exit);
        Assert.All(new[] { "extract", "convert", "upload", "status" }, c => Assert.Contains(c, output, StringComparison.Ordinal));
        Assert.All(ExitCodes.All, c => Assert.Contains(c.Meaning, output, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(CommandOptions))]
    public async Task Help_of_each_command_exits_0_and_describes_every_option(string command, string[] options)
    {
        var (exit, output, error) = await CliRunner.RunAsync(command, "--help");

        Assert.True(exit == 0, error);
        Assert.All(options, o => Assert.Contains(o, output, StringComparison.Ordinal));
        Assert.Contains("Exit codes:", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_suggest_directive_completes_option_values()
    {
        const string line = "fhirtrials status --outcome Rej";

        var (exit, output, _) = await CliRunner.RunAsync($"[suggest:{line.Length}]", line);

        Assert.Equal(0, exit);
        Assert.Equal("Rejected", output.Trim());
    }
}
