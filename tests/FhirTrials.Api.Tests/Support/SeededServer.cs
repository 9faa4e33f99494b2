using FhirTrials.TestSupport;

namespace FhirTrials.Api.Tests.Support;

/// <summary>A server with its own tables holding <see cref="TrialData"/>, shared by the read-only tests of one class.</summary>
public sealed class SeededServer : IAsyncLifetime
{
    private readonly AzuriteFixture _azurite = new();

    public KestrelServerFactory Server { get; private set; } = null!;

    public async System.Threading.Tasks.Task InitializeAsync()
    {
        await _azurite.InitializeAsync();
        Server = new KestrelServerFactory(_azurite);
        await Server.SeedAsync(TrialData.Resources());
    }

    public async System.Threading.Tasks.Task DisposeAsync()
    {
        await Server.DisposeAsync();
        await _azurite.DisposeAsync();
    }
}
