using System.Text.Json;
using FhirTrials.TestSupport;

namespace FhirTrials.Cli.Tests;

public sealed class ExtractCommandTests
{
    private static string TestDocument(string name) =>
        Path.Combine(RepoPaths.Tests, "FhirTrials.Core.Tests", "TestData", "ClinicalTrialsGov", name);

    [Fact]
    public async Task Extract_prints_the_record_as_camel_case_json_with_provenance()
    {
        var (exit, output, error) = await CliRunner.RunAsync("extract", TestDocument("study-full.json"));

        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        var record = Assert.Single(json.RootElement.EnumerateArray());
        Assert.Equal("NCT09000001", record.GetProperty("nctId").GetString());
        Assert.Equal("ActiveNotRecruiting", record.GetProperty("status").GetString());
        Assert.Equal("ClinicalTrialsGovJson", record.GetProperty("source").GetProperty("format").GetString());
        Assert.Contains(record.GetProperty("provenance").EnumerateArray(), p => p.GetProperty("field").GetString() == "officialTitle");
        Assert.DoesNotContain("null", output, StringComparison.Ordinal);
        Assert.Contains("1 record(s), ClinicalTrialsGovJson, layout ctgov-api-v2, no warnings.", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Extract_prints_every_record_of_every_file()
    {
        var (exit, output, error) = await CliRunner.RunAsync("extract", TestDocument("studies-page.json"), TestDocument("clinical-study-full.xml"));

        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        var ids = json.RootElement.EnumerateArray().Select(r => r.GetProperty("nctId").GetString()).ToList();
        Assert.Equal(["NCT09000002", "NCT09000003", "NCT09000004", "NCT09000005"], ids);
    }

    [Fact]
    public async Task Extract_reads_a_page_of_text_through_the_same_entry_point()
    {
        var seed = Path.Combine(RepoPaths.Tests, "FhirTrials.Core.Tests", "TestData", "Seeds", "veeva-NCT07326033.txt");

        var (exit, output, error) = await CliRunner.RunAsync("extract", seed);

        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        var record = Assert.Single(json.RootElement.EnumerateArray());
        Assert.Equal("NCT07326033", record.GetProperty("nctId").GetString());
        Assert.Equal("Text", record.GetProperty("source").GetProperty("format").GetString());
    }

    [Fact]
    public async Task Extract_shows_warnings_on_stderr_and_in_the_record()
    {
        var (exit, output, error) = await CliRunner.RunAsync("extract", TestDocument("studies-page.json"));

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        Assert.Contains("\"warnings\"", output, StringComparison.Ordinal);
        Assert.Contains("no inclusion/exclusion headings", output, StringComparison.Ordinal);
        var warnings = json.RootElement.EnumerateArray().Sum(r => r.TryGetProperty("warnings", out var w) ? w.GetArrayLength() : 0);
        Assert.True(warnings > 0);
        Assert.Contains($"3 record(s), ClinicalTrialsGovJson, layout ctgov-api-v2-search-page, {warnings} warning(s) in the records' \"warnings\".", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_document_that_is_not_a_trial_exits_non_zero_with_the_reason_on_stderr()
    {
        var png = Path.Combine(Path.GetTempPath(), $"fhirtrials-{Guid.NewGuid():N}.png");
        await File.WriteAllBytesAsync(png, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]);
        try
        {
            var (exit, output, error) = await CliRunner.RunAsync("extract", png);

            Assert.Equal(1, exit);
            Assert.Contains("The file is a PNG image, not a trial document.", error, StringComparison.Ordinal);
            Assert.Equal("[]", output.Trim());
        }
        finally
        {
            File.Delete(png);
        }
    }

    [Fact]
    public async Task A_refused_document_among_others_still_prints_the_others_and_exits_non_zero()
    {
        var empty = Path.Combine(Path.GetTempPath(), $"fhirtrials-{Guid.NewGuid():N}.txt");
        await File.WriteAllBytesAsync(empty, []);
        try
        {
            var (exit, output, error) = await CliRunner.RunAsync("extract", empty, TestDocument("study-full.json"));

            Assert.Equal(1, exit);
            Assert.Contains("not a trial document. The file is empty.", error, StringComparison.Ordinal);
            using var json = JsonDocument.Parse(output);
            Assert.Equal("NCT09000001", Assert.Single(json.RootElement.EnumerateArray()).GetProperty("nctId").GetString());
        }
        finally
        {
            File.Delete(empty);
        }
    }

    [Fact]
    public async Task A_missing_file_or_no_file_is_an_error()
    {
        var (missing, _, error) = await CliRunner.RunAsync("extract", "/no/such/trial.json");
        var (none, _, usage) = await CliRunner.RunAsync("extract");

        Assert.Equal(ExitCodes.DocumentRefused, missing);
        Assert.Contains("/no/such/trial.json: no such file.", error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Usage, none);
        Assert.Contains("Run 'fhirtrials extract --help' for usage.", usage, StringComparison.Ordinal);
    }
}
