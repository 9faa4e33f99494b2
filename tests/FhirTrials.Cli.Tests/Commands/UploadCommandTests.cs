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
        Assert.Contains("2 uploaded, 0 unchanged, 0 failed", first.Output, StringComparison.Ordinal);
        Assert.Contains("1 uploaded, 1 unchanged, 0 failed", second.Output, StringComparison.Ordinal);
        var blobs = azurite.BlobService().GetBlobContainerClient(container).GetBlobs().Select(b => b.Name).Order().ToList();
        Assert.Equal(["a.txt", "veeva/b.txt"], blobs);
    }

    [Fact]
    public async Task A_missing_path_is_named_and_nothing_is_uploaded()
    {
        var (exit, _, error) = await CliRunner.RunAsync("upload", "/no/such/folder", "--connection", azurite.ConnectionString);

        Assert.Equal(2, exit);
        Assert.Contains("'/no/such/folder' is neither a file nor a folder", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unreachable_storage_is_reported_with_the_container_name()
    {
        var (exit, _, error) = await CliRunner.RunAsync(
            "upload", RepoPaths.Samples, "--connection", "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:1/devstoreaccount1;", "--container", "nowhere");

        Assert.Equal(1, exit);
        Assert.Contains("cannot reach container 'nowhere'", error, StringComparison.Ordinal);
    }
}
