using System.Text.Json;
using FhirTrials.TestSupport.FunctionsHost;

namespace FhirTrials.Functions.Tests.Configuration;

/// <summary>
/// functions.metadata as the worker SDK generated it into the app's build output: what the host reads to know the
/// functions, their triggers, routes and the settings their bindings name.
/// </summary>
public static class FunctionsMetadata
{
    public static IReadOnlyList<JsonElement> Functions { get; } =
        [.. JsonDocument.Parse(File.ReadAllText(Path.Combine(FunctionsTestHost.AppDirectory, "functions.metadata"))).RootElement.EnumerateArray()];

    public static JsonElement Function(string name) => Functions.Single(f => f.GetProperty("name").GetString() == name);

    public static JsonElement Trigger(JsonElement function) =>
        function.GetProperty("bindings").EnumerateArray().Single(b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));

    public static IEnumerable<JsonElement> Bindings => Functions.SelectMany(f => f.GetProperty("bindings").EnumerateArray());
}
