using System.Text.Json;
using FhirTrials.TestSupport.FunctionsHost.Rpc;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;

namespace FhirTrials.TestSupport.FunctionsHost;

/// <summary>A function the worker reported and loaded: its id, name and trigger binding (as the worker's raw JSON).</summary>
public sealed class LoadedFunction
{
    private readonly TemplateMatcher? _route;

    public LoadedFunction(RpcFunctionMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        Id = metadata.FunctionId;
        Name = metadata.Name;
        Bindings = [.. metadata.RawBindings.Select(raw => JsonDocument.Parse(raw).RootElement.Clone())];
        Trigger = Bindings.Single(b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.OrdinalIgnoreCase));
        TriggerType = Trigger.GetProperty("type").GetString()!;
        if (IsHttp)
        {
            Methods = Trigger.TryGetProperty("methods", out var methods) ? [.. methods.EnumerateArray().Select(m => m.GetString()!.ToUpperInvariant())] : [];
            Route = Trigger.TryGetProperty("route", out var route) ? route.GetString()! : Name;
            _route = new TemplateMatcher(TemplateParser.Parse(Route), new RouteValueDictionary());
        }
    }

    public string Id { get; }

    public string Name { get; }

    public IReadOnlyList<JsonElement> Bindings { get; }

    public JsonElement Trigger { get; }

    public string TriggerType { get; }

    public bool IsHttp => TriggerType.Equals("httpTrigger", StringComparison.OrdinalIgnoreCase);

    /// <summary>The HTTP trigger's route template, without the host's route prefix.</summary>
    public string? Route { get; }

    public IReadOnlyList<string> Methods { get; } = [];

    /// <summary>The route values when this HTTP function serves <paramref name="method"/> on <paramref name="path"/> (after the route prefix).</summary>
    public RouteValueDictionary? Match(string method, string path)
    {
        if (_route is null || (Methods.Count > 0 && !Methods.Contains(method.ToUpperInvariant())))
        {
            return null;
        }

        var values = new RouteValueDictionary();
        return _route.TryMatch("/" + path.TrimStart('/'), values) ? values : null;
    }
}
