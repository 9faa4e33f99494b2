using FhirTrials.Storage;
using FhirTrials.TestSupport;

namespace FhirTrials.Server.Tests;

public sealed class SampleSeederTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task With_SeedSamples_the_host_uploads_every_sample_and_never_overwrites_an_existing_blob()
    {
        var container = StorageNames.Container("incoming");
        var incoming = azurite.BlobService().GetBlobContainerClient(container);
        await incoming.CreateIfNotExistsAsync();
        await incoming.GetBlobClient("veeva-NCT05947682.txt").UploadAsync(BinaryData.FromString("ops edit"));

        using (new ServerFactory(azurite, StorageNames.TablePrefix("seed"), container, new Dictionary<string, string>
        {
            [HostSettings.SeedSamplesName] = "true",
            [HostSettings.WatchIncomingName] = "false",
        }))
        {
            var names = incoming.GetBlobs().Select(b => b.Name).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(Directory.GetFiles(RepoPaths.Samples).Select(Path.GetFileName).Order(StringComparer.Ordinal), names);
            Assert.Equal(5, names.Count);
            Assert.Equal("ops edit", (await incoming.GetBlobClient("veeva-NCT05947682.txt").DownloadContentAsync()).Value.Content.ToString());
        }
    }

    [Theory]
    [InlineData(ServiceSettings.DevelopmentStorage, false, true)]
    [InlineData("DefaultEndpointsProtocol=https;AccountName=prod", true, true)]
    [InlineData("DefaultEndpointsProtocol=https;AccountName=prod", false, false)]
    public void SeedSamples_defaults_to_on_only_with_development_storage_or_environment(string connection, bool isDevelopment, bool expected)
    {
        var settings = new ServiceSettings { StorageConnection = connection };

        Assert.Equal(expected, HostSettings.From(_ => null, settings, isDevelopment).SeedSamples);
        Assert.True(HostSettings.From(_ => null, settings, isDevelopment).WatchIncoming);
    }

    [Fact]
    public void A_setting_that_is_not_true_or_false_is_named_in_the_error()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            HostSettings.From(name => name == HostSettings.WatchIncomingName ? "yes" : null, new ServiceSettings(), isDevelopment: false));
        Assert.Contains("WatchIncoming must be true or false, not 'yes'", error.Message, StringComparison.Ordinal);
    }
}
