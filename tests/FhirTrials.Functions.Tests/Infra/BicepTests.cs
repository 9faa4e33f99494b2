using System.Reflection;
using System.Text.Json;
using FhirTrials.Storage.WorkQueue;
using FhirTrials.TestSupport;

namespace FhirTrials.Functions.Tests.Infra;

/// <summary>
/// infra/ compiles and lints clean. Bicep reports type errors (BCP036) and misspelt properties (BCP089) only as
/// warnings, so any warning fails here.
/// </summary>
public sealed class BicepTests
{
    private static readonly string Bicep = typeof(BicepTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "BicepPath").Value!;

    private static string MainBicep => Path.Combine(RepoPaths.Root, "infra", "main.bicep");

    [Fact]
    public async Task The_deployment_builds_and_lints_without_any_warning()
    {
        var build = await RunAsync("build", MainBicep, "--stdout");
        var lint = await RunAsync("lint", MainBicep);
        var parameters = await RunAsync("build-params", Path.Combine(RepoPaths.Root, "infra", "main.bicepparam"), "--stdout");

        foreach (var (exit, _, error) in new[] { build, lint, parameters })
        {
            Assert.True(exit == 0, error);
            Assert.DoesNotContain("Warning", error, StringComparison.Ordinal);
            Assert.DoesNotContain("Error", error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_function_app_reaches_storage_by_identity_with_the_settings_the_hosts_read()
    {
        var (_, template, _) = await RunAsync("build", MainBicep, "--stdout");
        using var json = JsonDocument.Parse(template);
        var app = json.RootElement.GetProperty("resources").EnumerateArray()
            .Single(r => r.GetProperty("type").GetString() == "Microsoft.Web/sites");

        Assert.Equal("SystemAssigned", app.GetProperty("identity").GetProperty("type").GetString());
        var settings = app.GetProperty("properties").GetProperty("siteConfig").GetProperty("appSettings")
            .EnumerateArray().Select(s => s.GetProperty("name").GetString()!).ToList();
        Assert.Contains("TrialStorage__blobServiceUri", settings);
        Assert.Contains("TrialStorage__tableServiceUri", settings);
        Assert.Contains(FhirTrials.Storage.ServiceSettings.IncomingContainerName, settings);
        Assert.Contains(FhirTrials.Storage.ServiceSettings.PoisonContainerName, settings);
        Assert.Contains(FhirTrials.Storage.ServiceSettings.TablePrefixName, settings);
        Assert.Contains(FhirTrials.Storage.ServiceSettings.PublicBaseUrlName, settings);
        Assert.Contains(FhirTrials.Storage.ServiceSettings.WorkQueueName, settings);
        Assert.Contains(FhirTrials.Storage.ServiceSettings.WorkItemStudiesName, settings);
        Assert.Contains(FhirTrials.Storage.ServiceSettings.WorkItemMaxAttemptsName, settings);
        Assert.Contains("TrialStorage__queueServiceUri", settings);
        Assert.DoesNotContain(settings, s => s.Contains("Key", StringComparison.OrdinalIgnoreCase) || s.EndsWith("ConnectionString", StringComparison.Ordinal));
        Assert.DoesNotContain("AccountKey", template, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_function_app_takes_only_Entra_ID_tokens_with_the_settings_the_hosts_read()
    {
        var (_, template, _) = await RunAsync("build", MainBicep, "--stdout");
        using var json = JsonDocument.Parse(template);
        var settings = json.RootElement.GetProperty("resources").EnumerateArray()
            .Single(r => r.GetProperty("type").GetString() == "Microsoft.Web/sites")
            .GetProperty("properties").GetProperty("siteConfig").GetProperty("appSettings").EnumerateArray()
            .ToDictionary(s => s.GetProperty("name").GetString()!, s => s.GetProperty("value").GetString()!);

        // No anonymous path: mode bearer, whatever else is set (none would also be refused at start on this storage).
        Assert.Equal("bearer", settings[FhirTrials.Api.Auth.AuthSettings.ModeName]);
        Assert.Contains("parameters('authAudience')", settings[FhirTrials.Api.Auth.AuthSettings.AudienceName], StringComparison.Ordinal);
        Assert.Contains("parameters('authOpsRole')", settings[FhirTrials.Api.Auth.AuthSettings.OpsRoleName], StringComparison.Ordinal);
        Assert.Contains("/v2.0", json.RootElement.GetProperty("variables").GetProperty("authAuthority").GetString(), StringComparison.Ordinal);
        Assert.Contains("/oauth2/v2.0/token", json.RootElement.GetProperty("variables").GetProperty("authTokenEndpoint").GetString(), StringComparison.Ordinal);
        Assert.Contains("variables('authAuthority')", settings[FhirTrials.Api.Auth.AuthSettings.AuthorityName], StringComparison.Ordinal);
        Assert.Contains("variables('authTokenEndpoint')", settings[FhirTrials.Api.Auth.AuthSettings.TokenEndpointName], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_Event_Grid_subscription_calls_the_blob_trigger_function_for_the_container_the_app_reads()
    {
        var (_, template, _) = await RunAsync("build", MainBicep, "--stdout");
        using var json = JsonDocument.Parse(template);
        var root = json.RootElement;
        var resources = root.GetProperty("resources").EnumerateArray().ToList();
        var subscription = resources.Single(r => r.GetProperty("type").GetString() == "Microsoft.EventGrid/systemTopics/eventSubscriptions").GetProperty("properties");
        var appSettings = resources.Single(r => r.GetProperty("type").GetString() == "Microsoft.Web/sites")
            .GetProperty("properties").GetProperty("siteConfig").GetProperty("appSettings").EnumerateArray()
            .ToDictionary(s => s.GetProperty("name").GetString()!, s => s.GetProperty("value").GetString()!);
        var blobTrigger = Configuration.FunctionsMetadata.Functions.Single(f => Configuration.FunctionsMetadata.Trigger(f).GetProperty("type").GetString() == "blobTrigger");
        var trigger = Configuration.FunctionsMetadata.Trigger(blobTrigger);

        // The webhook names the function the worker declares (the blob extension routes the event by that name).
        var endpoint = subscription.GetProperty("destination").GetProperty("properties").GetProperty("endpointUrl").GetString()!;
        Assert.Contains("functionName=Host.Functions.{1}", endpoint, StringComparison.Ordinal);
        Assert.Contains("variables('blobTriggerFunctionName')", endpoint, StringComparison.Ordinal);
        Assert.Equal(blobTrigger.GetProperty("name").GetString(), root.GetProperty("variables").GetProperty("blobTriggerFunctionName").GetString());

        // Events are filtered to the container the app setting named by the trigger's path holds.
        var containerSetting = trigger.GetProperty("path").GetString()!.Split('/')[0].Trim('%');
        var containerParameter = appSettings[containerSetting];
        Assert.Equal("[parameters('incomingContainer')]", containerParameter);
        Assert.Equal("[format('/blobServices/default/containers/{0}/', parameters('incomingContainer'))]", subscription.GetProperty("filter").GetProperty("subjectBeginsWith").GetString());

        // The trigger's connection is reached by identity: <connection>__blobServiceUri.
        Assert.Contains(trigger.GetProperty("connection").GetString() + "__blobServiceUri", appSettings.Keys);
    }

    [Fact]
    public async Task The_work_queue_and_its_poison_queue_exist_under_the_names_the_queue_trigger_reads_and_moves_to()
    {
        var (_, template, _) = await RunAsync("build", MainBicep, "--stdout");
        using var json = JsonDocument.Parse(template);
        var resources = json.RootElement.GetProperty("resources").EnumerateArray().ToList();
        var queues = resources.Single(r => r.GetProperty("type").GetString() == "Microsoft.Storage/storageAccounts/queueServices/queues");
        var appSettings = resources.Single(r => r.GetProperty("type").GetString() == "Microsoft.Web/sites")
            .GetProperty("properties").GetProperty("siteConfig").GetProperty("appSettings").EnumerateArray()
            .ToDictionary(s => s.GetProperty("name").GetString()!, s => s.GetProperty("value").GetString()!);
        var trigger = Configuration.FunctionsMetadata.Trigger(Configuration.FunctionsMetadata.Function("ProcessWorkItem"));

        var queueSetting = trigger.GetProperty("queueName").GetString()!.Trim('%');
        Assert.Equal("[parameters('workQueue')]", appSettings[queueSetting]);
        // One queue per name in the loop: the work queue and <name>-poison, where the trigger moves a message it gives up on.
        Assert.Contains("createArray(parameters('workQueue'), format('{0}-poison', parameters('workQueue')))[copyIndex()]", queues.GetProperty("name").GetString(), StringComparison.Ordinal);
        Assert.Equal("-poison", WorkQueueClient.PoisonSuffix);
        Assert.Equal("[string(variables('workItemMaxAttempts'))]", appSettings[FhirTrials.Storage.ServiceSettings.WorkItemMaxAttemptsName]);
        Assert.Equal(HostJson.MaxDequeueCount, json.RootElement.GetProperty("variables").GetProperty("workItemMaxAttempts").GetInt32());
    }

    private static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        // The compiler package is the linux-x64 one (what CI and the dev machines run); NuGet does not keep its
        // executable bit when it extracts it.
        Assert.True(OperatingSystem.IsLinux(), "InfraTests run the linux-x64 Bicep compiler.");
        if (OperatingSystem.IsLinux())
        {
            File.SetUnixFileMode(Bicep, File.GetUnixFileMode(Bicep) | UnixFileMode.UserExecute);
        }

        return await ChildProcess.RunAsync(Bicep, args);
    }
}
