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
    private FunctionsApp(FunctionsTestHost host, string connectionString, string tablePrefix, string incomingContainer, string poisonContainer, string workQueue)
    {
        WorkQueue = workQueue;
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

    /// <summary>This app's own work queue (and its <c>-poison</c> queue), so no other test's app takes its items.</summary>
    public string WorkQueue { get; }

    public Uri BaseAddress => Host.BaseAddress;

    public Uri FhirBase => new(Host.BaseAddress, "/api/fhir/");

    /// <param name="settings">Further app settings by name (e.g. PublicBaseUrl), applied last.</param>
    public static async Task<FunctionsApp> StartAsync(AzuriteFixture azurite, IReadOnlyDictionary<string, string>? settings = null)
    {
        ArgumentNullException.ThrowIfNull(azurite);
        var prefix = StorageNames.TablePrefix("fn");
        var incoming = StorageNames.Container("incoming");
        var poison = incoming + "-poison";
        var workQueue = incoming + "-items";
        var appSettings = new Dictionary<string, string>
        {
            [ServiceSettings.StorageConnectionName] = azurite.ConnectionString,
            [ServiceSettings.TablePrefixName] = prefix,
            [ServiceSettings.IncomingContainerName] = incoming,
            [ServiceSettings.PoisonContainerName] = poison,
            [ServiceSettings.WorkQueueName] = workQueue,
            // The host's own storage: the worker does not use it, but every Functions app has it.
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
        };
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            appSettings[name] = value;
        }

        var host = await FunctionsTestHost.StartAsync(appSettings).ConfigureAwait(false);
        var app = new FunctionsApp(host, azurite.ConnectionString, prefix, incoming, poison, workQueue);
        try
        {
            await app.WaitUntilServingAsync().ConfigureAwait(false);
            return app;
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public TrialStorage Storage() => TrialStorage.Connect(ConnectionString, TablePrefix);

    /// <summary>The app's work queue, to see what the blob trigger enqueued and to play the host's part with it.</summary>
    public FhirTrials.Storage.WorkQueue.WorkQueueClient Queue() => FhirTrials.Storage.WorkQueue.WorkQueueClient.Connect(ConnectionString, WorkQueue);

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

    /// <summary>
    /// A readiness probe: the worker's ASP.NET Core integration gives a forwarded request 5 s to meet its invocation,
    /// and the first invocation of a cold worker on a loaded machine can take longer (a 500 from the worker). Tests
    /// start once the app has served a request, as a load balancer would send traffic only after its probe passed.
    /// </summary>
    private async Task WaitUntilServingAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (true)
        {
            using var response = await http.GetAsync(new Uri(FhirBase, "metadata")).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The Functions app did not serve metadata within 90 s (last: {(int)response.StatusCode}). {Host.Describe()}");
            }

            await Task.Delay(250).ConfigureAwait(false);
        }
    }
}
