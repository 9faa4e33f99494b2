using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Azure.Storage.Queues;
using FhirTrials.Storage;
using FhirTrials.Storage.Ingestion;
using FhirTrials.Storage.WorkQueue;
using FhirTrials.TestSupport;
using FhirTrials.TestSupport.Hostile;
using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;

namespace FhirTrials.Server.Tests;

/// <summary>The Server host end to end: a large upload lands, the watcher splits it, the in-process consumer processes its items.</summary>
public sealed class WorkQueueConsumerTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const int Studies = 120;

    [Fact]
    public async System.Threading.Tasks.Task A_page_of_120_studies_is_split_into_3_items_consumed_in_process_and_every_study_is_served_with_its_progress_listed()
    {
        var container = StorageNames.Container("incoming");
        using var server = new ServerFactory(azurite, StorageNames.TablePrefix("srv"), container, new Dictionary<string, string>
        {
            [ServiceSettings.WorkItemStudiesName] = "50",
        });
        var blob = azurite.BlobService().GetBlobContainerClient(container).GetBlobClient("pages/studies.json");
        await blob.UploadAsync(new BinaryData(Page(Studies)));

        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        var entry = await WaitForEntryAsync(http, blob.Name, e => e.GetProperty("outcome").GetString() != nameof(IngestionOutcome.Running), server.Messages);

        Assert.Equal(nameof(IngestionOutcome.Ingested), entry.GetProperty("outcome").GetString());
        var progress = entry.GetProperty("progress");
        Assert.Equal((3, 3, Studies, Studies), (progress.GetProperty("itemsTotal").GetInt32(), progress.GetProperty("itemsDone").GetInt32(),
            progress.GetProperty("studies").GetInt32(), progress.GetProperty("studiesIngested").GetInt32()));
        Assert.True(progress.GetProperty("elapsedSeconds").GetDouble() > 0);
        Assert.Equal(Studies, entry.GetProperty("trialCount").GetInt32());
        Assert.Equal(3, server.Messages.Count(m => m.Contains("of pages/studies.json: Processed", StringComparison.Ordinal)));
        using var client = new FhirClient(server.FhirBase);
        foreach (var index in new[] { 0, 49, 50, 99, 100, Studies - 1 })
        {
            var study = await client.ReadAsync<ResearchStudy>("ResearchStudy/" + HostilePages.CtGovNctId(index).ToLowerInvariant());
            Assert.Equal("1", study!.Meta?.VersionId);
        }
    }

    [Fact]
    public async System.Threading.Tasks.Task A_message_that_keeps_failing_goes_to_the_poison_queue_after_the_set_attempts_and_the_consumer_goes_on()
    {
        var container = StorageNames.Container("incoming");
        using var server = new ServerFactory(azurite, StorageNames.TablePrefix("srv"), container, new Dictionary<string, string>
        {
            [ServiceSettings.WorkItemMaxAttemptsName] = "2",
            [ServiceSettings.WorkItemStudiesName] = "50",
        });
        var queue = WorkQueueClient.Connect(azurite.ConnectionString, server.WorkQueue);
        // An item of an upload that was never split (its progress row is missing): it can never be counted.
        await queue.EnqueueAsync(new WorkItem(container, "gone.json", "\"0x1\"", "0123456789abcdef01234567", 0, 0, 50));
        var blob = azurite.BlobService().GetBlobContainerClient(container).GetBlobClient("pages/after.json");
        await blob.UploadAsync(new BinaryData(Page(60)));

        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        var entry = await WaitForEntryAsync(http, blob.Name, e => e.GetProperty("outcome").GetString() != nameof(IngestionOutcome.Running), server.Messages);
        var poisoned = await WaitForPoisonAsync(queue.Poison);

        Assert.Equal(nameof(IngestionOutcome.Ingested), entry.GetProperty("outcome").GetString());
        Assert.Equal("gone.json", WorkItem.Parse(poisoned).BlobName);
        Assert.Contains(server.Messages, m => m.Contains("attempt 2; poisoned: True", StringComparison.Ordinal));
    }

    private static byte[] Page(int studies) =>
        Encoding.UTF8.GetBytes("{\"studies\":[" + string.Join(",\n", Enumerable.Range(0, studies).Select(i => HostilePages.CtGovStudy(i, 4000))) + "]}");

    private static async Task<JsonElement> WaitForEntryAsync(HttpClient http, string blobName, Func<JsonElement, bool> done, IEnumerable<string> messages)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        while (true)
        {
            using var page = await http.GetFromJsonAsync<JsonDocument>($"/api/ingestions?blob={Uri.EscapeDataString(blobName)}&_count=5");
            var entries = page!.RootElement.GetProperty("entries").EnumerateArray().Select(e => e.Clone()).ToList();
            if (entries.Count == 1 && done(entries[0]))
            {
                return entries[0];
            }

            Assert.True(DateTime.UtcNow < deadline, $"{blobName} not done in time: {string.Join(" ", entries)}\n{string.Join("\n", messages.TakeLast(20))}");
            await System.Threading.Tasks.Task.Delay(250);
        }
    }

    private static async Task<string> WaitForPoisonAsync(QueueClient poison)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (true)
        {
            var messages = (await poison.PeekMessagesAsync(5)).Value;
            if (messages.Length > 0)
            {
                return Assert.Single(messages).MessageText;
            }

            Assert.True(DateTime.UtcNow < deadline, "Nothing reached the poison queue.");
            await System.Threading.Tasks.Task.Delay(250);
        }
    }
}
