using Azure.Identity;
using FhirTrials.Api;
using FhirTrials.Storage;
using FhirTrials.Storage.Pipeline;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// The Azure Functions host: the same services as the Server host; every function hands its work to them.
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();

var settings = ServiceSettings.From(name => builder.Configuration[name]);
builder.Services.AddFhirTrialsApi(
    settings, ApiSettings.From(name => builder.Configuration[name]), settings.UsesIdentity ? new DefaultAzureCredential() : null);
builder.Services.AddSingleton(sp => new IngestionPipeline(
    sp.GetRequiredService<TrialStorage>(), sp.GetRequiredService<FhirTrials.Storage.Resources.TableResourceStore>(), PipelineOptions.From(settings)));

var app = builder.Build();
await StorageProvisioner.EnsureCreatedAsync(
    app.Services.GetRequiredService<TrialStorage>(), [settings.IncomingContainer, settings.PoisonContainer], CancellationToken.None);
await app.RunAsync();
