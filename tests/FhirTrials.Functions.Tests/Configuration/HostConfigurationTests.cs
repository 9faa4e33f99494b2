using System.Text.Json;
using FhirTrials.Api;
using FhirTrials.Storage;
using FhirTrials.Storage.Pipeline;
using FhirTrials.TestSupport;

namespace FhirTrials.Functions.Tests.Configuration;

/// <summary>
/// host.json and local.settings.sample.json at the repo root (the files the Functions project copies to its output)
/// against the shared code both hosts run.
/// </summary>
public sealed class HostConfigurationTests
{
    private static JsonElement Read(string file) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, file))).RootElement;

    [Fact]
    public void The_runtime_gives_up_on_a_blob_after_as_many_attempts_as_the_pipeline_before_it_poisons_it()
    {
        var threshold = Read("host.json").GetProperty("extensions").GetProperty("blobs").GetProperty("poisonBlobThreshold").GetInt32();

        Assert.Equal(new PipelineOptions().PoisonAfterFailures, threshold);
    }

    [Fact]
    public void The_runtime_poisons_a_work_item_after_as_many_attempts_as_the_processor_counts_before_it_logs_it_poisoned()
    {
        var queues = Read("host.json").GetProperty("extensions").GetProperty("queues");

        Assert.Equal(new ServiceSettings().WorkItemMaxAttempts, queues.GetProperty("maxDequeueCount").GetInt32());
        Assert.Equal(new Storage.WorkQueue.WorkQueueOptions().MaxAttempts, queues.GetProperty("maxDequeueCount").GetInt32());
        // The Server host's consumer writes base64 messages (WorkQueueClient); the trigger must read the same encoding.
        Assert.Equal("base64", queues.GetProperty("messageEncoding").GetString());
    }

    [Fact]
    public void The_functions_route_prefix_is_the_one_the_server_host_serves_under()
    {
        var prefix = Read("host.json").GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString();

        Assert.Equal(FhirRoutes.FunctionsRoutePrefix, prefix);
        Assert.StartsWith($"/{prefix}/{FhirRoutes.FhirBase}/", FhirRoutes.FhirServerPattern, StringComparison.Ordinal);
    }

    [Fact]
    public void The_local_settings_sample_names_every_setting_with_a_working_local_value()
    {
        var values = Read("local.settings.sample.json").GetProperty("Values");
        var names = values.EnumerateObject().ToDictionary(v => v.Name, v => v.Value.GetString());

        Assert.Equal("dotnet-isolated", names["FUNCTIONS_WORKER_RUNTIME"]);
        Assert.Equal(ServiceSettings.DevelopmentStorage, names["AzureWebJobsStorage"]);
        foreach (var setting in new[]
        {
            ServiceSettings.StorageConnectionName, ServiceSettings.IncomingContainerName, ServiceSettings.PoisonContainerName,
            ServiceSettings.TablePrefixName, ServiceSettings.PublicBaseUrlName, ServiceSettings.MaxBlobBytesName,
            ServiceSettings.WorkQueueName, ServiceSettings.WorkItemStudiesName, ServiceSettings.WorkItemMaxAttemptsName,
        })
        {
            Assert.False(string.IsNullOrWhiteSpace(names.GetValueOrDefault(setting)), $"local.settings.sample.json lacks {setting}");
        }

        var parsed = ServiceSettings.From(names.GetValueOrDefault);
        Assert.Equal(new Uri("http://localhost:7071/api/fhir/"), parsed.PublicBaseUrl);
        Assert.False(parsed.UsesIdentity);
    }
}
