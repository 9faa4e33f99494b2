using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FhirTrials.Cli.Tests.Service;

/// <summary>
/// A stand-in for the service's <c>api/ingestions</c> on a free loopback port: answers with a fixed status and body
/// and keeps the Authorization header of every request, so a test sees what the CLI sent.
/// </summary>
internal sealed class ServiceStub : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ServiceStub(WebApplication app) => _app = app;

    public ConcurrentQueue<string> Authorizations { get; } = new();

    public Uri BaseAddress { get; private set; } = null!;

    public static async Task<ServiceStub> StartAsync(int status, string body, string? challenge = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var stub = new ServiceStub(app);
        app.MapGet("/api/ingestions", async context =>
        {
            stub.Authorizations.Enqueue(context.Request.Headers.Authorization.ToString());
            context.Response.StatusCode = status;
            if (challenge is not null)
            {
                context.Response.Headers.WWWAuthenticate = challenge;
            }

            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(body);
        });
        await app.StartAsync();
        stub.BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return stub;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
