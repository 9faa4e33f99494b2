using System.Net;
using FhirTrials.Storage;
using FhirTrials.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FhirTrials.Api.Tests;

/// <summary>
/// The Server host on real Kestrel (a free loopback port), against the test run's Azurite with this factory's own
/// tables and containers, so tests talk real HTTP with a real FHIR client.
/// </summary>
public sealed class KestrelServerFactory : WebApplicationFactory<Program>
{
    private readonly string _connectionString;

    public KestrelServerFactory(AzuriteFixture azurite)
    {
        ArgumentNullException.ThrowIfNull(azurite);
        _connectionString = azurite.ConnectionString;
        TablePrefix = StorageNames.TablePrefix("api");
        IncomingContainer = StorageNames.Container("incoming");
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        StartServer();
    }

    public string TablePrefix { get; }

    public string IncomingContainer { get; }

    public Uri BaseAddress => new(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    public Uri FhirBase => new(BaseAddress, "/api/fhir/");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting(ServiceSettings.StorageConnectionName, _connectionString);
        builder.UseSetting(ServiceSettings.TablePrefixName, TablePrefix);
        builder.UseSetting(ServiceSettings.IncomingContainerName, IncomingContainer);
        builder.UseSetting(ServiceSettings.PoisonContainerName, IncomingContainer + "-poison");
    }
}
