using FhirTrials.Storage;
using FhirTrials.Storage.Resources;
using FhirTrials.TestSupport;
using FhirTrials.TestSupport.FunctionsHost;

namespace FhirTrials.Api.Tests.Support;

/// <summary>The Functions app under the test host (FhirTrials.TestSupport.FunctionsHost) as an <see cref="IApiServer"/>.</summary>
public sealed class FunctionsServer(FunctionsApp app) : IApiServer, IAsyncDisposable
{
    public FunctionsApp App { get; } = app;

    public Uri BaseAddress => App.BaseAddress;

    public Uri FhirBase => App.FhirBase;

    public string IncomingContainer => App.IncomingContainer;

    public static async Task<FunctionsServer> StartAsync(AzuriteFixture azurite, IReadOnlyDictionary<string, string>? settings = null) =>
        new(await FunctionsApp.StartAsync(azurite, settings));

    public TrialStorage Storage() => App.Storage();

    public TableResourceStore ResourceStore() => App.ResourceStore();

    public System.Threading.Tasks.Task SeedAsync(IEnumerable<Hl7.Fhir.Model.Resource> resources) => App.SeedAsync(resources);

    /// <summary>Plays the queue listener the test host does not run: each waiting work item is handed to the
    /// ProcessWorkItem function, which must succeed, then deleted as the Functions runtime would.</summary>
    public async System.Threading.Tasks.Task DeliverQueuedWorkAsync()
    {
        var queue = App.Queue();
        foreach (var message in (await queue.Items.ReceiveMessagesAsync(32)).Value)
        {
            var invocation = await App.Host.InvokeQueueTriggerAsync("ProcessWorkItem", message.MessageText, message.DequeueCount, message.MessageId);
            Xunit.Assert.True(invocation.Succeeded, invocation.Exception + "\n" + App.Host.Describe());
            await queue.DeleteAsync(message);
        }
    }

    public ValueTask DisposeAsync() => App.DisposeAsync();
}
