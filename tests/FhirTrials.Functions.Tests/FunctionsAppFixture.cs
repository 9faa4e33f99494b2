using FhirTrials.TestSupport;
using FhirTrials.TestSupport.FunctionsHost;

namespace FhirTrials.Functions.Tests;

/// <summary>One Functions app (one worker process) for every test of this assembly, on the test run's Azurite.</summary>
public sealed class FunctionsAppFixture : IAsyncLifetime
{
    private readonly AzuriteFixture _azurite = new();

    public FunctionsApp App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await _azurite.InitializeAsync();
        App = await FunctionsApp.StartAsync(_azurite);
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await _azurite.DisposeAsync();
    }
}

/// <summary>The tests that share the app run one after another: one of them takes a table away for a while.</summary>
[CollectionDefinition(Name)]
public sealed class SharedFunctionsApp : ICollectionFixture<FunctionsAppFixture>
{
    public const string Name = "Functions app";
}
