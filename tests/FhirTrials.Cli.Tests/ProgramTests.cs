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

    [Fact]
    public async Task Help_lists_every_command()
    {
        var (exit, output, _) = await CliRunner.RunAsync("--help");

        Assert.Equal(0, exit);
        Assert.All(new[] { "extract", "convert", "upload", "status" }, c => Assert.Contains(c, output, StringComparison.Ordinal));
    }
}
