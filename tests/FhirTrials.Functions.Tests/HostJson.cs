using System.Text.Json;
using FhirTrials.TestSupport.FunctionsHost;

namespace FhirTrials.Functions.Tests;

/// <summary>The host.json the built app carries (the repo root's, copied to its output).</summary>
public static class HostJson
{
    public static JsonElement Root { get; } = JsonDocument.Parse(File.ReadAllText(Path.Combine(FunctionsTestHost.AppDirectory, "host.json"))).RootElement;

    public static string RoutePrefix => Root.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString()!;

    public static int PoisonBlobThreshold => Root.GetProperty("extensions").GetProperty("blobs").GetProperty("poisonBlobThreshold").GetInt32();

    public static int MaxDequeueCount => Root.GetProperty("extensions").GetProperty("queues").GetProperty("maxDequeueCount").GetInt32();
}
