using System.IO.Compression;
using FhirTrials.TestSupport;

namespace FhirTrials.Cli.Tests.Commands;

public sealed class UploadCommandTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Uploading_a_folder_puts_every_file_in_the_container_and_a_second_run_skips_unchanged_ones()
    {
        var container = StorageNames.Container("upload");
        var folder = Directory.CreateTempSubdirectory("fhirtrials-upload").FullName;
        Directory.CreateDirectory(Path.Combine(folder, "veeva"));
        File.Copy(Path.Combine(RepoPaths.Samples, "ctgov-classic-NCT05032131.txt"), Path.Combine(folder, "a.txt"));
        File.Copy(Path.Combine(RepoPaths.Samples, "veeva-NCT05947682.txt"), Path.Combine(folder, "veeva", "b.txt"));

        var first = await CliRunner.RunAsync("upload", folder, "--connection", azurite.ConnectionString, "--container", container);
        File.AppendAllText(Path.Combine(folder, "a.txt"), "\nedited");
        var second = await CliRunner.RunAsync("upload", folder, "--connection", azurite.ConnectionString, "--container", container);

        Assert.Equal(0, first.ExitCode);
        Assert.Contains("2 uploaded, 0 unchanged, 0 skipped, 0 failed", first.Output, StringComparison.Ordinal);
        Assert.Contains("1 uploaded, 1 unchanged, 0 skipped, 0 failed", second.Output, StringComparison.Ordinal);
        var blobs = azurite.BlobService().GetBlobContainerClient(container).GetBlobs().Select(b => b.Name).Order().ToList();
        Assert.Equal(["a.txt", "veeva/b.txt"], blobs);
    }

    [Fact]
    public async Task A_missing_path_is_named_and_nothing_is_uploaded()
    {
        var (exit, _, error) = await CliRunner.RunAsync("upload", "/no/such/folder", "--connection", azurite.ConnectionString);

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("'/no/such/folder' is neither a file nor a folder", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Empty_and_binary_files_are_skipped_with_the_reason_and_counted()
    {
        var container = StorageNames.Container("check");
        var folder = Directory.CreateTempSubdirectory("fhirtrials-check").FullName;
        File.Copy(Path.Combine(RepoPaths.Samples, "veeva-NCT05947682.txt"), Path.Combine(folder, "trial.txt"));
        await File.WriteAllBytesAsync(Path.Combine(folder, "empty.txt"), []);
        await File.WriteAllBytesAsync(Path.Combine(folder, "tool"), [0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0, 0, 0, 0, 0]);

        var (exit, output, error) = await CliRunner.RunAsync("upload", folder, "--connection", azurite.ConnectionString, "--container", container);

        Assert.Equal(ExitCodes.DocumentRefused, exit);
        Assert.Contains("1 uploaded, 0 unchanged, 2 skipped, 0 failed", output, StringComparison.Ordinal);
        Assert.Contains("empty.txt: skipped, the service would refuse it: The file is empty.", error, StringComparison.Ordinal);
        Assert.Contains("tool: skipped, the service would refuse it: The file is an executable (ELF), not a trial document.", error, StringComparison.Ordinal);
        var blobs = azurite.BlobService().GetBlobContainerClient(container).GetBlobs().Select(b => b.Name).ToList();
        Assert.Equal(["trial.txt"], blobs);
    }

    [Fact]
    public async Task A_zip_archive_is_accepted_because_the_service_reads_it_entry_by_entry()
    {
        var container = StorageNames.Container("zip");
        var zip = Path.Combine(Directory.CreateTempSubdirectory("fhirtrials-zip").FullName, "trials.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            archive.CreateEntryFromFile(Path.Combine(RepoPaths.Samples, "veeva-NCT05947682.txt"), "veeva-NCT05947682.txt");
        }

        var (exit, output, error) = await CliRunner.RunAsync("upload", zip, "--connection", azurite.ConnectionString, "--container", container);

        Assert.True(exit == ExitCodes.Success, error);
        Assert.Contains("1 uploaded, 0 unchanged, 0 skipped, 0 failed", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Force_uploads_a_refused_file_and_says_the_service_will_refuse_it()
    {
        var container = StorageNames.Container("force");
        var empty = Path.Combine(Directory.CreateTempSubdirectory("fhirtrials-force").FullName, "empty.json");
        await File.WriteAllBytesAsync(empty, []);

        var (exit, output, error) = await CliRunner.RunAsync("upload", empty, "--force", "--connection", azurite.ConnectionString, "--container", container);

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Contains("1 uploaded, 0 unchanged, 0 skipped, 0 failed", output, StringComparison.Ordinal);
        Assert.Contains("uploading anyway (--force)", error, StringComparison.Ordinal);
    }
}
