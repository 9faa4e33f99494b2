using FhirTrials.Api.Data;
using FhirTrials.Storage;
using FhirTrials.TestSupport;

namespace FhirTrials.Api.Tests.Data;

public sealed class ContinuationKeyStoreTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async System.Threading.Tasks.Task Instances_sharing_storage_agree_on_one_generated_key()
    {
        var storage = TrialStorage.Connect(azurite.ConnectionString, StorageNames.TablePrefix("keys"));
        await StorageProvisioner.EnsureCreatedAsync(storage, []);

        var keys = await System.Threading.Tasks.Task.WhenAll(Enumerable.Range(0, 4)
            .Select(_ => new ContinuationKeyStore(new ApiSettings(), storage).GetAsync(default)));
        var later = await new ContinuationKeyStore(new ApiSettings(), storage).GetAsync(default);

        Assert.Equal(32, keys[0].Length);
        Assert.All(keys, k => Assert.Equal(keys[0], k));
        Assert.Equal(keys[0], later);
    }

    [Fact]
    public async System.Threading.Tasks.Task A_configured_key_wins_and_storage_is_not_touched()
    {
        var storage = TrialStorage.Connect(azurite.ConnectionString, StorageNames.TablePrefix("keys"));
        var configured = new ApiSettings { ContinuationKey = new byte[24] };

        var key = await new ContinuationKeyStore(configured, storage).GetAsync(default);

        Assert.Same(configured.ContinuationKey, key);
        Assert.False(await storage.Payloads.ExistsAsync());
    }
}
