using System.Net;
using FhirTrials.Api.Tests.Support;
using FhirTrials.Core.Search;
using FhirTrials.Storage;
using FhirTrials.Storage.Resources;
using FhirTrials.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace FhirTrials.Api.Tests;

/// <summary>
/// The Server host on real Kestrel (a free loopback port), against the test run's Azurite with this factory's own
/// tables and containers, so tests talk real HTTP with a real FHIR client.
/// </summary>
public sealed class KestrelServerFactory : WebApplicationFactory<Program>, IApiServer
{
    private readonly string _connectionString;
    private readonly IReadOnlyDictionary<string, string> _settings;
    private readonly Action<IServiceCollection>? _services;

    /// <param name="settings">Further host settings by name (e.g. PublicBaseUrl, CorsOrigins).</param>
    /// <param name="services">Replaces host services, e.g. a store that fails.</param>
    public KestrelServerFactory(AzuriteFixture azurite, IReadOnlyDictionary<string, string>? settings = null, Action<IServiceCollection>? services = null)
        : this((azurite ?? throw new ArgumentNullException(nameof(azurite))).ConnectionString, settings, services)
    {
    }

    /// <param name="connectionString">Storage of the test's own, e.g. an Azurite it freezes.</param>
    public KestrelServerFactory(string connectionString, IReadOnlyDictionary<string, string>? settings = null, Action<IServiceCollection>? services = null)
    {
        _services = services;
        _connectionString = connectionString;
        _settings = settings ?? new Dictionary<string, string>();
        TablePrefix = StorageNames.TablePrefix("api");
        IncomingContainer = StorageNames.Container("incoming");
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        StartServer();
    }

    public string TablePrefix { get; }

    public string IncomingContainer { get; }

    public Uri BaseAddress => new(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    public Uri FhirBase => new(BaseAddress, "/api/fhir/");

    public TrialStorage Storage() => TrialStorage.Connect(_connectionString, TablePrefix);

    /// <summary>The storage helper's store over this server's tables, to seed data as ingestion would.</summary>
    public TableResourceStore ResourceStore() => new(Storage(), SearchIndexer.Extract);

    public async System.Threading.Tasks.Task SeedAsync(IEnumerable<Hl7.Fhir.Model.Resource> resources)
    {
        ArgumentNullException.ThrowIfNull(resources);
        var store = ResourceStore();
        foreach (var resource in resources)
        {
            await store.WriteAsync(resource);
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting(ServiceSettings.StorageConnectionName, _connectionString);
        builder.UseSetting(ServiceSettings.TablePrefixName, TablePrefix);
        builder.UseSetting(ServiceSettings.IncomingContainerName, IncomingContainer);
        builder.UseSetting(ServiceSettings.PoisonContainerName, IncomingContainer + "-poison");
        // The API tests seed resources directly; the Server's watcher and sample seeding stay off unless a test asks.
        builder.UseSetting("WatchIncoming", "false");
        builder.UseSetting("SeedSamples", "false");
        foreach (var (name, value) in _settings)
        {
            builder.UseSetting(name, value);
        }

        if (_services is not null)
        {
            builder.ConfigureTestServices(_services);
        }
    }
}
