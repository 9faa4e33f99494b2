using System.Text.Json;
using System.Text.RegularExpressions;
using FhirTrials.Api;
using FhirTrials.TestSupport;

namespace FhirTrials.Functions.Tests.Configuration;

/// <summary>
/// The generated functions.metadata against what the rest of the repo assumes: the routes the Server host serves,
/// host.json, the settings local.settings.sample.json gives. A renamed function, route, binding expression or
/// setting fails here rather than in a deployment.
/// </summary>
public sealed partial class FunctionsMetadataTests
{
    [Fact]
    public void The_app_has_the_three_HTTP_functions_the_blob_trigger_and_the_queue_trigger_and_nothing_else()
    {
        var triggers = FunctionsMetadata.Functions.ToDictionary(f => f.GetProperty("name").GetString()!, f => FunctionsMetadata.Trigger(f).GetProperty("type").GetString());

        Assert.Equal(
            new Dictionary<string, string?> { ["Fhir"] = "httpTrigger", ["Ingestions"] = "httpTrigger", ["Health"] = "httpTrigger", ["IngestBlob"] = "blobTrigger", ["ProcessWorkItem"] = "queueTrigger" },
            triggers);
    }

    [Fact]
    public void Health_is_served_where_the_Server_host_serves_it_without_a_function_key()
    {
        var trigger = FunctionsMetadata.Trigger(FunctionsMetadata.Function("Health"));

        Assert.Equal(FhirRoutes.HealthServerPattern, $"/{HostJson.RoutePrefix}/{trigger.GetProperty("route").GetString()}");
        // Load balancers and uptime probes carry no key.
        Assert.Equal("Anonymous", trigger.GetProperty("authLevel").GetString());
    }

    [Theory]
    [InlineData("Fhir", FhirRoutes.FhirFunctionRoute, FhirRoutes.FhirServerPattern)]
    [InlineData("Ingestions", FhirRoutes.IngestionsRoute, FhirRoutes.IngestionsServerPattern)]
    public void Each_HTTP_route_under_host_jsons_prefix_is_the_path_the_Server_host_serves(string function, string route, string serverPattern)
    {
        var trigger = FunctionsMetadata.Trigger(FunctionsMetadata.Function(function));
        var served = trigger.GetProperty("route").GetString()!;

        Assert.Equal(route, served);
        // Functions writes a catch-all as {*path}, ASP.NET Core endpoint routing as {**path}: the same paths.
        Assert.Equal(serverPattern, $"/{HostJson.RoutePrefix}/{served}".Replace("{*", "{**", StringComparison.Ordinal));
        // The bearer token is the gate, checked by the app itself (docs/adr/0006): SMART clients read metadata
        // without anything, and hold no function key.
        Assert.Equal("Anonymous", trigger.GetProperty("authLevel").GetString());
    }

    [Fact]
    public void Every_setting_a_binding_names_has_a_working_value_in_the_local_settings_sample()
    {
        var values = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "local.settings.sample.json"))).RootElement.GetProperty("Values");
        var named = new List<string>();
        foreach (var binding in FunctionsMetadata.Bindings)
        {
            foreach (var property in binding.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String))
            {
                named.AddRange(AppSettingReference().Matches(property.Value.GetString()!).Select(m => m.Groups[1].Value));
                if (property.Name == "connection")
                {
                    named.Add(property.Value.GetString()!);
                }
            }
        }

        Assert.Equal(["IncomingContainer", "TrialStorage", "WorkQueue"], named.Distinct().Order(StringComparer.Ordinal));
        foreach (var setting in named)
        {
            Assert.True(values.TryGetProperty(setting, out var value) && value.GetString() is { Length: > 0 }, $"local.settings.sample.json has no value for {setting}");
        }
    }

    [Fact]
    public void The_blob_trigger_takes_Event_Grid_events_for_the_incoming_container_as_ADR_0002_says()
    {
        var trigger = FunctionsMetadata.Trigger(FunctionsMetadata.Function("IngestBlob"));

        Assert.Equal("%" + Storage.ServiceSettings.IncomingContainerName + "%/{name}", trigger.GetProperty("path").GetString());
        Assert.Equal(Storage.ServiceSettings.StorageConnectionName, trigger.GetProperty("connection").GetString());
        Assert.Equal("EventGrid", trigger.GetProperty("source").GetString());
    }

    [Fact]
    public void The_queue_trigger_reads_the_work_queue_the_splitter_writes_on_the_same_storage_connection()
    {
        var trigger = FunctionsMetadata.Trigger(FunctionsMetadata.Function("ProcessWorkItem"));

        Assert.Equal("%" + Storage.ServiceSettings.WorkQueueName + "%", trigger.GetProperty("queueName").GetString());
        Assert.Equal(Storage.ServiceSettings.StorageConnectionName, trigger.GetProperty("connection").GetString());
        // The message is the work item's JSON text, parsed by the shared code.
        Assert.Equal("String", trigger.GetProperty("dataType").GetString());
    }

    [GeneratedRegex("%([A-Za-z0-9_:]+)%")]
    private static partial Regex AppSettingReference();
}
