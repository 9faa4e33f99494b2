using FhirTrials.Core.Search;
using FhirTrials.Storage;
using FhirTrials.Storage.Resources;

namespace FhirTrials.TestSupport.FunctionsHost;

/// <summary>
/// The Functions app running under the test host against the test run's Azurite, with its own tables and
/// containers (<see cref="StorageNames"/>), so tests can seed and inspect what it serves.
/// </summary>
public sealed class FunctionsApp : IAsyncDisposable
{
    private FunctionsApp(FunctionsTestHost host, string connectionString, string tablePrefix, string incomingContainer, string poisonContainer)
    {
        Host = host;
        ConnectionString = connectionString;
        TablePrefix = tablePrefix;
        IncomingContainer = incomingContainer;
        PoisonContainer = poisonContainer;
    }

    public FunctionsTestHost Host { get; }

    public string ConnectionString { get; }

    public string TablePrefix { get; }

    public string IncomingContainer { get; }

    public string PoisonContainer { get; }

    public Uri BaseAddress => Host.BaseAddress;

    public Uri FhirBase => new(Host.BaseAddress, "/api/fhir/");

    /// <param name="settings">Further app settings by name (e.g. PublicBaseUrl), applied last.</param>
    public static async Task<FunctionsApp> StartAsync(AzuriteFixture azurite, IReadOnlyDictionary<string, string>? settings = null)
    {
        ArgumentNullException.ThrowIfNull(azurite);
        var prefix = StorageNames.TablePrefix("fn");
        var incoming = StorageNames.Container("incoming");
        var poison = incoming + "-poison";
        var appSettings = new Dictionary<string, string>
        {
            [ServiceSettings.StorageConnectionName] = azurite.ConnectionString,
            [ServiceSettings.TablePrefixName] = prefix,
            [ServiceSettings.IncomingContainerName] = incoming,
            [ServiceSettings.PoisonContainerName] = poison,
            // The host's own storage: the worker does not use it, but every Functions app has it.
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
        };
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            appSettings[name] = value;
        }

        var host = await FunctionsTestHost.StartAsync(appSettings).ConfigureAwait(false);
        return new FunctionsApp(host, azurite.ConnectionString, prefix, incoming, poison);
    }

    public TrialStorage Storage() => TrialStorage.Connect(ConnectionString, TablePrefix);

    /// <summary>A store over this app's tables, to seed data as ingestion would.</summary>
    public TableResourceStore ResourceStore() => new(Storage(), SearchIndexer.Extract);

    public async Task SeedAsync(IEnumerable<Hl7.Fhir.Model.Resource> resources)
    {
        ArgumentNullException.ThrowIfNull(resources);
        var store = ResourceStore();
        foreach (var resource in resources)
        {
            await store.WriteAsync(resource).ConfigureAwait(false);
        }
    }

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
