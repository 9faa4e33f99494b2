using Azure.Data.Tables;
using Azure.Storage.Blobs;
using FhirTrials.Storage.Emulator;
using Xunit;

namespace FhirTrials.TestSupport;

/// <summary>
/// Gives a test class the one Azurite of this test run: started in memory on free loopback ports by the first class
/// that asks, stopped (with its whole process tree) when the test process exits. Tests isolate themselves with
/// <see cref="StorageNames"/>, never by relying on an empty emulator.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private static readonly Lazy<Task<AzuriteProcess>> Shared = new(StartSharedAsync);

    public string ConnectionString { get; private set; } = "";

    public AzuriteProcess Process { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Process = await Shared.Value;
        ConnectionString = Process.ConnectionString;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public TableServiceClient TableService() => new(ConnectionString);

    public BlobServiceClient BlobService() => new(ConnectionString);

    private static async Task<AzuriteProcess> StartSharedAsync()
    {
        var azurite = await AzuriteProcess.StartAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => azurite.Kill();
        return azurite;
    }
}
