using FhirTrials.TestSupport;

namespace FhirTrials.Api.Tests.Support;

/// <summary>The Server host in bearer mode with a <see cref="TestIssuer"/>, holding <see cref="TrialData"/>.</summary>
public sealed class AuthorizedServer : IAsyncLifetime
{
    private readonly AzuriteFixture _azurite = new();
    private KestrelServerFactory? _factory;

    public TestIssuer Issuer { get; private set; } = null!;

    public IApiServer Server => _factory!;

    public async Task InitializeAsync()
    {
        await _azurite.InitializeAsync();
        Issuer = await TestIssuer.StartAsync();
        _factory = new KestrelServerFactory(_azurite, Issuer.HostSettings);
        await _factory.SeedAsync(TrialData.Resources());
    }

    public async Task DisposeAsync()
    {
        await _factory!.DisposeAsync();
        await Issuer.DisposeAsync();
        await _azurite.DisposeAsync();
    }
}

/// <summary>The Functions app in bearer mode with a <see cref="TestIssuer"/> (app settings), holding <see cref="TrialData"/>.</summary>
public sealed class AuthorizedFunctionsApp : IAsyncLifetime
{
    private readonly AzuriteFixture _azurite = new();
    private FunctionsServer? _server;

    public TestIssuer Issuer { get; private set; } = null!;

    public IApiServer Server => _server!;

    public async Task InitializeAsync()
    {
        await _azurite.InitializeAsync();
        Issuer = await TestIssuer.StartAsync();
        _server = await FunctionsServer.StartAsync(_azurite, Issuer.HostSettings);
        await _server.SeedAsync(TrialData.Resources());
    }

    public async Task DisposeAsync()
    {
        await _server!.DisposeAsync();
        await Issuer.DisposeAsync();
        await _azurite.DisposeAsync();
    }
}
