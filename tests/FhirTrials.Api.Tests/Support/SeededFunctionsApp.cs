using FhirTrials.TestSupport;

namespace FhirTrials.Api.Tests.Support;

/// <summary>
/// The Functions app holding <see cref="TrialData"/>, one worker process for the whole test assembly (started by the
/// first class that asks, ended with the test process): the read-only suites share it, as they share nothing they
/// change. Tests that need their own store or settings start their own <see cref="FunctionsServer"/>.
/// </summary>
public sealed class SeededFunctionsApp : IAsyncLifetime
{
    private static readonly Lazy<System.Threading.Tasks.Task<FunctionsServer>> Shared = new(StartSharedAsync);

    public IApiServer Server { get; private set; } = null!;

    public async System.Threading.Tasks.Task InitializeAsync() => Server = await Shared.Value;

    public System.Threading.Tasks.Task DisposeAsync() => System.Threading.Tasks.Task.CompletedTask;

    private static async System.Threading.Tasks.Task<FunctionsServer> StartSharedAsync()
    {
        var azurite = new AzuriteFixture();
        await azurite.InitializeAsync();
        var server = await FunctionsServer.StartAsync(azurite);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        await server.SeedAsync(TrialData.Resources());
        return server;
    }
}
