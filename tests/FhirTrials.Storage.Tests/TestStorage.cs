using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using FhirTrials.TestSupport;

namespace FhirTrials.Storage.Tests;

/// <summary>A provisioned <see cref="TrialStorage"/> with its own tables and containers, its requests seen by a <see cref="StoragePolicy"/>.</summary>
public static class TestStorage
{
    public static async Task<(TrialStorage Storage, StoragePolicy Policy)> CreateAsync(AzuriteFixture azurite, params string[] containers)
    {
        var policy = new StoragePolicy();
        var tableOptions = new TableClientOptions();
        tableOptions.AddPolicy(policy, HttpPipelinePosition.PerCall);
        tableOptions.Retry.MaxRetries = 0;
        var blobOptions = new BlobClientOptions();
        blobOptions.AddPolicy(policy, HttpPipelinePosition.PerCall);
        blobOptions.Retry.MaxRetries = 0;
        var storage = TrialStorage.Connect(azurite.ConnectionString, StorageNames.TablePrefix("ft"), tableOptions, blobOptions);
        await StorageProvisioner.EnsureCreatedAsync(storage, containers);
        policy.ClearRequests();
        return (storage, policy);
    }
}
