using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace FhirTrials.Cli.Tests.Service;

/// <summary>
/// A stand-in for the service's <c>api/ingestions</c> on a free loopback port: answers with a fixed status and body
/// and keeps the Authorization header of every request, so a test sees what the CLI sent. HttpListener rather than
/// Kestrel: the CLI runs from this test's output folder, which must not hold the ASP.NET Core framework's choice of
/// Microsoft.Extensions assemblies instead of the CLI's own.
/// </summary>
internal sealed class ServiceStub : IAsyncDisposable
{
    private readonly HttpListener _listener;
    private readonly Task _serving;

    private ServiceStub(HttpListener listener, Uri baseAddress, int status, string body, string? challenge)
    {
        _listener = listener;
        BaseAddress = baseAddress;
        _serving = ServeAsync(status, body, challenge);
    }

    public ConcurrentQueue<string> Authorizations { get; } = new();

    public Uri BaseAddress { get; }

    public static Task<ServiceStub> StartAsync(int status, string body, string? challenge = null)
    {
        for (var attempt = 0; ; attempt++)
        {
            var port = FreePort();
            var prefix = $"http://127.0.0.1:{port}/";
            var listener = new HttpListener();
            listener.Prefixes.Add(prefix);
            try
            {
                listener.Start();
                return Task.FromResult(new ServiceStub(listener, new Uri(prefix), status, body, challenge));
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                // Another process took the port between probing and listening: try another.
                listener.Close();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            await _serving;
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
        {
            // Stopping ends the pending GetContextAsync with one of these.
        }
    }

    private async Task ServeAsync(int status, string body, string? challenge)
    {
        while (_listener.IsListening)
        {
            var context = await _listener.GetContextAsync();
            Authorizations.Enqueue(context.Request.Headers["Authorization"] ?? "");
            context.Response.StatusCode = status;
            if (challenge is not null)
            {
                context.Response.Headers["WWW-Authenticate"] = challenge;
            }

            context.Response.ContentType = "application/json";
            var bytes = Encoding.UTF8.GetBytes(body);
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
