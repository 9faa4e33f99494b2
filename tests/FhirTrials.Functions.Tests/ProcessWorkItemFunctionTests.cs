using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FhirTrials.Storage.Ingestion;
using FhirTrials.Storage.WorkQueue;
using FhirTrials.TestSupport.FunctionsHost;
using FhirTrials.TestSupport.Hostile;
using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;

namespace FhirTrials.Functions.Tests;

/// <summary>
/// The queue trigger through the real worker: the blob trigger splits a large upload onto the app's work queue, and
/// the test plays the host's queue listener, invoking ProcessWorkItem with each message and its dequeue count.
/// </summary>
[Collection(SharedFunctionsApp.Name)]
public sealed class ProcessWorkItemFunctionTests(FunctionsAppFixture fixture)
{
    private const string Function = "ProcessWorkItem";
    private readonly FunctionsApp _app = fixture.App;

    [Fact]
    public async System.Threading.Tasks.Task A_page_of_150_studies_is_split_by_the_blob_trigger_and_its_2_items_processed_by_the_queue_trigger()
    {
        var name = $"pages/{Guid.NewGuid():N}.json";
        await Incoming().GetBlobClient(name).UploadAsync(new BinaryData(Page(0, 150)));

        var split = await _app.Host.InvokeBlobTriggerAsync("IngestBlob", _app.IncomingContainer, name);
        Assert.True(split.Succeeded, split.Exception + "\n" + _app.Host.Describe());
        var running = Assert.Single(await LoggedAsync(name));
        Assert.Equal(nameof(IngestionOutcome.Running), running.GetProperty("outcome").GetString());
        Assert.Equal(2, running.GetProperty("progress").GetProperty("itemsTotal").GetInt32());

        var queue = _app.Queue();
        var messages = (await queue.Items.ReceiveMessagesAsync(32)).Value;
        Assert.Equal(2, messages.Length);
        foreach (var message in messages)
        {
            var invocation = await _app.Host.InvokeQueueTriggerAsync(Function, message.MessageText, message.DequeueCount, message.MessageId);
            Assert.True(invocation.Succeeded, invocation.Exception + "\n" + _app.Host.Describe());
            await queue.DeleteAsync(message);
        }

        var entry = Assert.Single(await LoggedAsync(name));
        Assert.Equal(nameof(IngestionOutcome.Ingested), entry.GetProperty("outcome").GetString());
        var progress = entry.GetProperty("progress");
        Assert.Equal((2, 2, 150), (progress.GetProperty("itemsDone").GetInt32(), progress.GetProperty("itemsTotal").GetInt32(), progress.GetProperty("studiesIngested").GetInt32()));
        using var client = new FhirClient(_app.FhirBase);
        foreach (var index in new[] { 0, 99, 100, 149 })
        {
            var study = await client.ReadAsync<ResearchStudy>("ResearchStudy/" + HostilePages.CtGovNctId(index).ToLowerInvariant());
            Assert.Equal("1", study!.Meta?.VersionId);
        }
    }

    [Fact]
    public async System.Threading.Tasks.Task An_item_failing_on_its_last_attempt_fails_the_invocation_is_logged_poisoned_with_its_reason_and_the_upload_completes()
    {
        var attempts = HostJson.MaxDequeueCount;
        var name = $"pages/{Guid.NewGuid():N}.json";
        // Studies of their own (numbered from 1000) so this upload writes nothing another test wrote.
        await Incoming().GetBlobClient(name).UploadAsync(new BinaryData(Page(1000, 150)));
        Assert.True((await _app.Host.InvokeBlobTriggerAsync("IngestBlob", _app.IncomingContainer, name)).Succeeded);
        var queue = _app.Queue();
        var items = (await queue.Items.ReceiveMessagesAsync(32)).Value.Select(m => (Message: m, Item: WorkItem.Parse(m.MessageText))).OrderBy(m => m.Item.Item).ToList();
        Assert.Equal(2, items.Count);

        var sources = _app.Storage().Sources;
        InvocationResult last;
        try
        {
            // Storage fault: the table of source records is gone on the item's last attempt.
            await sources.DeleteAsync();
            last = await _app.Host.InvokeQueueTriggerAsync(Function, items[0].Message.MessageText, attempts);
        }
        finally
        {
            await sources.CreateIfNotExistsAsync();
        }

        var other = await _app.Host.InvokeQueueTriggerAsync(Function, items[1].Message.MessageText, 1);

        Assert.False(last.Succeeded, "the last attempt must fail so the host moves the message to the poison queue");
        Assert.True(other.Succeeded, other.Exception);
        var entry = Assert.Single(await LoggedAsync(name));
        Assert.Equal(nameof(IngestionOutcome.PartlyFailed), entry.GetProperty("outcome").GetString());
        var progress = entry.GetProperty("progress");
        Assert.Equal((2, 1, 100, 50), (progress.GetProperty("itemsDone").GetInt32(), progress.GetProperty("itemsPoisoned").GetInt32(),
            progress.GetProperty("studiesFailed").GetInt32(), progress.GetProperty("studiesIngested").GetInt32()));
        var reason = Assert.Single(entry.GetProperty("errors").EnumerateArray()).GetString();
        Assert.Contains($"item 0 (studies 0 to 99) failed {attempts} times and went to the poison queue", reason, StringComparison.Ordinal);
    }

    private static byte[] Page(int first, int studies) =>
        Encoding.UTF8.GetBytes("{\"studies\":[" + string.Join(",\n", Enumerable.Range(first, studies).Select(i => HostilePages.CtGovStudy(i, 4000))) + "]}");

    private Azure.Storage.Blobs.BlobContainerClient Incoming() => _app.Storage().BlobService.GetBlobContainerClient(_app.IncomingContainer);

    private async Task<List<JsonElement>> LoggedAsync(string blobName)
    {
        using var http = new HttpClient { BaseAddress = _app.BaseAddress };
        using var page = await http.GetFromJsonAsync<JsonDocument>($"/api/ingestions?blob={Uri.EscapeDataString(blobName)}&_count=10");
        return [.. page!.RootElement.GetProperty("entries").EnumerateArray().Select(e => e.Clone())];
    }
}
