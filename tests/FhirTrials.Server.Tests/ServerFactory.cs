using System.Collections.Concurrent;
using System.Net;
using FhirTrials.Storage;
using FhirTrials.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FhirTrials.Server.Tests;

/// <summary>
/// The Server host on real Kestrel against the test run's Azurite, with the given table prefix and incoming
/// container, so a second factory on the same names is a restart of the same deployment. Keeps every log message.
/// </summary>
internal sealed class ServerFactory : WebApplicationFactory<Program>
{
    private readonly AzuriteFixture _azurite;
    private readonly IReadOnlyDictionary<string, string> _settings;

    /// <param name="settings">Further host settings by name, applied last.</param>
    public ServerFactory(AzuriteFixture azurite, string tablePrefix, string incomingContainer, IReadOnlyDictionary<string, string>? settings = null)
    {
        _azurite = azurite;
        _settings = settings ?? new Dictionary<string, string>();
        TablePrefix = tablePrefix;
        IncomingContainer = incomingContainer;
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        StartServer();
    }

    public string TablePrefix { get; }

    public string IncomingContainer { get; }

    /// <summary>The work queue of this deployment (its own, so no other test's host takes its items).</summary>
    public string WorkQueue => IncomingContainer + "-items";

    public ConcurrentQueue<string> Messages { get; } = new();

    public Uri BaseAddress => new(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    public Uri FhirBase => new(BaseAddress, "/api/fhir/");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting(ServiceSettings.StorageConnectionName, _azurite.ConnectionString);
        builder.UseSetting(ServiceSettings.TablePrefixName, TablePrefix);
        builder.UseSetting(ServiceSettings.IncomingContainerName, IncomingContainer);
        builder.UseSetting(ServiceSettings.PoisonContainerName, IncomingContainer + "-poison");
        builder.UseSetting(ServiceSettings.WorkQueueName, WorkQueue);
        builder.UseSetting(HostSettings.SeedSamplesName, "false");
        builder.UseSetting(HostSettings.WatchIntervalSecondsName, "0.5");
        foreach (var (name, value) in _settings)
        {
            builder.UseSetting(name, value);
        }

        builder.ConfigureTestServices(services => services.AddSingleton<ILoggerProvider>(new CollectingLoggerProvider(Messages)));
    }

    private sealed class CollectingLoggerProvider(ConcurrentQueue<string> messages) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new CollectingLogger(categoryName, messages);

        public void Dispose()
        {
        }
    }

    private sealed class CollectingLogger(string category, ConcurrentQueue<string> messages) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            messages.Enqueue($"{category}: {formatter(state, exception)}");
    }
}
