using System.Text.Json;
using FhirTrials.TestSupport;

namespace FhirTrials.Cli.Tests.Commands;

public sealed class ConvertCommandTests
{
    private static string TestDocument(string name) =>
        Path.Combine(RepoPaths.Tests, "FhirTrials.Core.Tests", "TestData", "ClinicalTrialsGov", name);

    [Fact]
    public async Task A_CT_gov_record_is_printed_as_the_same_collection_bundle_the_mapper_makes()
    {
        var (exit, output, error) = await CliRunner.RunAsync("convert", "--recorded", "2026-11-23T09:00:00Z", TestDocument("study-full.json"));

        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        Assert.Equal("Bundle", json.RootElement.GetProperty("resourceType").GetString());
        Assert.Equal("collection", json.RootElement.GetProperty("type").GetString());
        Assert.Contains(json.RootElement.GetProperty("entry").EnumerateArray(),
            e => e.GetProperty("resource").GetProperty("id").GetString() == "nct09000001");
        Assert.Contains("study-full.json: 1 trial(s)", error, StringComparison.Ordinal);
        var golden = await File.ReadAllTextAsync(TestDocument("study-full.bundle.json"));
        Assert.Equal(golden.ReplaceLineEndings("\n"), output.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Two_files_give_one_bundle_and_xml_is_printed_on_request()
    {
        var (exit, output, error) = await CliRunner.RunAsync("convert", "--xml", TestDocument("study-full.json"), TestDocument("clinical-study-full.xml"));

        Assert.True(exit == 0, error);
        Assert.Contains("<Bundle xmlns=\"http://hl7.org/fhir\">", output, StringComparison.Ordinal);
        Assert.Contains("<id value=\"nct09000001\" />", output, StringComparison.Ordinal);
        Assert.Contains("<id value=\"nct09000005\" />", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_document_that_is_not_a_trial_gives_an_OperationOutcome_and_a_non_zero_exit()
    {
        var file = Path.Combine(Path.GetTempPath(), $"not-a-trial-{Guid.NewGuid():N}.bin");
        await File.WriteAllBytesAsync(file, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D]);
        try
        {
            var (exit, output, error) = await CliRunner.RunAsync("convert", file);

            Assert.Equal(ExitCodes.DocumentRefused, exit);
            Assert.Contains($"{file}: not a trial document. The file is a PNG image", error, StringComparison.Ordinal);
            using var json = JsonDocument.Parse(output);
            Assert.Equal("OperationOutcome", json.RootElement.GetProperty("resourceType").GetString());
            var issue = json.RootElement.GetProperty("issue")[0];
            Assert.Equal("error", issue.GetProperty("severity").GetString());
            Assert.Contains(Path.GetFileName(file), issue.GetProperty("diagnostics").GetString(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task A_missing_file_is_named_in_the_OperationOutcome()
    {
        var (exit, output, error) = await CliRunner.RunAsync("convert", "no-such-file.txt");

        Assert.Equal(ExitCodes.DocumentRefused, exit);
        Assert.Contains("no-such-file.txt: no such file.", error, StringComparison.Ordinal);
        Assert.Contains("no-such-file.txt: no such file.", output, StringComparison.Ordinal);
        Assert.Contains("\"not-found\"", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_file_the_usage_is_printed_and_the_exit_code_is_2()
    {
        var (exit, _, error) = await CliRunner.RunAsync("convert");

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("Run 'fhirtrials convert --help'", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--recorded", "yesterday", "is not a date and time")]
    [InlineData("--base", "fhir.example.org", "is not an absolute http(s) URL")]
    public async Task A_malformed_option_value_is_bad_usage_with_an_example(string option, string value, string message)
    {
        var (exit, output, error) = await CliRunner.RunAsync("convert", option, value, TestDocument("study-full.json"));

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains($"{option} '{value}' {message}", error, StringComparison.Ordinal);
        Assert.Equal("", output);
    }
}
