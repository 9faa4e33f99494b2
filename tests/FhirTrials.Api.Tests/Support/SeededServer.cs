using FhirTrials.TestSupport;

namespace FhirTrials.Api.Tests.Support;

/// <summary>A server with its own tables holding <see cref="TrialData"/>, shared by the read-only tests of one class.</summary>
public sealed class SeededServer : IAsyncLifetime
{
    private readonly AzuriteFixture _azurite = new();

    public IApiServer Server => Factory;

    public KestrelServerFactory Factory { get; private set; } = null!;

    public async System.Threading.Tasks.Task InitializeAsync()
    {
        await _azurite.InitializeAsync();
        Factory = new KestrelServerFactory(_azurite);
        await Factory.SeedAsync(TrialData.Resources());
    }

    public async System.Threading.Tasks.Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await _azurite.DisposeAsync();
    }
}
