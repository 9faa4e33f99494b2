namespace FhirTrials.Cli.Tests;

public sealed class CliSettingsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("fhirtrials-settings").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task A_malformed_settings_file_is_named_with_its_line_and_column_on_one_line()
    {
        var path = Path.Combine(_folder, "local.settings.json");
        await File.WriteAllTextAsync(path, "{\n  \"Values\": {\n    \"TrialStorage\": \"UseDevelopmentStorage=true\"\n  }\n  oops\n}\n");

        var (exit, _, error) = await CliRunner.RunInAsync(_folder, "status");

        Assert.Equal(ExitCodes.Settings, exit);
        Assert.StartsWith($"fhirtrials status: {path}:5:3: not valid JSON", error, StringComparison.Ordinal);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        CliRunner.AssertNoStackTrace(error);
    }

    [Fact]
    public async Task Values_that_are_not_an_object_are_named()
    {
        await File.WriteAllTextAsync(Path.Combine(_folder, "local.settings.json"), "{\"Values\": [\"TrialStorage\"]}");

        var (exit, _, error) = await CliRunner.RunInAsync(_folder, "status");

        Assert.Equal(ExitCodes.Settings, exit);
        Assert.Contains("\"Values\" must be an object", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unusable_connection_string_names_where_it_came_from()
    {
        await File.WriteAllTextAsync(Path.Combine(_folder, "local.settings.json"), "{\"Values\": {\"TrialStorage\": \"nonsense\"}}");

        var (exit, _, error) = await CliRunner.RunInAsync(_folder, "upload", _folder);

        Assert.Equal(ExitCodes.Settings, exit);
        Assert.Contains("connection string from TrialStorage in " + Path.Combine(_folder, "local.settings.json"), error, StringComparison.Ordinal);
        CliRunner.AssertNoStackTrace(error);
    }
}
