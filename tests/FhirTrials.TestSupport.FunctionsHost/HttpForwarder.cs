using System.Globalization;
using FhirTrials.TestSupport.FunctionsHost.Rpc;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;

namespace FhirTrials.TestSupport.FunctionsHost;

/// <summary>
/// What the Functions host does with an HTTP request for a worker using the ASP.NET Core integration: find the
/// function by route and method (after the route prefix), send the worker an InvocationRequest, and forward the
/// request itself to the worker's own HTTP server with the invocation id in <c>x-ms-invocation-id</c>; the worker
/// pairs the two and writes the response, which goes back to the caller as it is.
/// </summary>
internal sealed class HttpForwarder(FunctionsTestHost host, HttpClient http)
{
    public const string InvocationIdHeader = "x-ms-invocation-id";

    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Transfer-Encoding", "Upgrade", "Proxy-Connection", "TE", "Trailer", "Host",
    };

    public async Task ForwardAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        var prefix = "/" + host.RoutePrefix;
        var routed = path.StartsWith(prefix + "/", StringComparison.OrdinalIgnoreCase) || path.Equals(prefix, StringComparison.OrdinalIgnoreCase)
            ? host.Functions.Select(f => (Function: f, Values: f.Match(context.Request.Method, path[prefix.Length..]))).FirstOrDefault(m => m.Values is not null)
            : default;
        if (routed.Function is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var invocationId = Guid.NewGuid().ToString();
        var invocation = new InvocationRequest { InvocationId = invocationId, FunctionId = routed.Function.Id };
        invocation.InputData.Add(new ParameterBinding
        {
            Name = routed.Function.Trigger.GetProperty("name").GetString(),
            Data = new TypedData { Http = new RpcHttp { Method = context.Request.Method, Url = context.Request.GetDisplayUrl() } },
        });
        foreach (var (name, value) in routed.Values!)
        {
            if (value is not null)
            {
                invocation.TriggerMetadata[name] = new TypedData { String = Convert.ToString(value, CultureInfo.InvariantCulture) };
            }
        }

        var invoked = host.InvokeAsync(invocation);
        using var forward = new HttpRequestMessage(new HttpMethod(context.Request.Method), new Uri(host.WorkerHttpUri, path + context.Request.QueryString));
        if (context.Request.ContentLength > 0 || context.Request.Headers.TransferEncoding.Count > 0)
        {
            forward.Content = new StreamContent(context.Request.Body);
        }

        foreach (var (name, values) in context.Request.Headers)
        {
            if (!HopByHop.Contains(name) && !forward.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
            {
                forward.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
        }

        forward.Headers.TryAddWithoutValidation(InvocationIdHeader, invocationId);
        forward.Headers.TryAddWithoutValidation("X-Forwarded-Host", context.Request.Host.Value);
        forward.Headers.TryAddWithoutValidation("X-Forwarded-Proto", context.Request.Scheme);
        forward.Headers.TryAddWithoutValidation("X-Forwarded-For", context.Connection.RemoteIpAddress?.ToString());

        using var response = await http.SendAsync(forward, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted).ConfigureAwait(false);
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            if (!HopByHop.Contains(name))
            {
                context.Response.Headers[name] = values.ToArray();
            }
        }

        await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
        // The response is the caller's now; the invocation's own answer is kept for failure messages.
        host.TrackHttpInvocation(routed.Function.Name, invocationId, invoked);
    }
}
