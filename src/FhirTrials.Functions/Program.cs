using Azure.Identity;
using FhirTrials.Api;
using FhirTrials.Api.Auth;
using FhirTrials.Api.Export;
using FhirTrials.Api.Http;
using FhirTrials.Functions;
using FhirTrials.Storage;
using FhirTrials.Storage.Export;
using FhirTrials.Storage.Pipeline;
using FhirTrials.Storage.WorkQueue;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// The Azure Functions host: the same services as the Server host; every function hands its work to them.
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();

var settings = ServiceSettings.From(name => builder.Configuration[name]);
var apiSettings = ApiSettings.From(name => builder.Configuration[name]);
builder.Services.AddFhirTrialsApi(settings, apiSettings, settings.UsesIdentity ? new DefaultAzureCredential() : null);
// Compression and CORS as the Server host does them, from the same settings (CorsOrigins, ResponseCompression).
builder.Services.AddFhirTrialsHttp(apiSettings);
builder.Services.AddSingleton<IStartupFilter>(new HttpPipelineStartupFilter(apiSettings));
// Who may call what (docs/adr/0006); throws at start for AuthMode none on storage that is not the emulator.
builder.Services.AddFhirTrialsAuth(AuthSettings.From(name => builder.Configuration[name], settings));
var pipelineOptions = PipelineOptions.From(settings);
var workQueueOptions = WorkQueueOptions.From(settings);
builder.Services.AddSingleton(sp => new IngestionPipeline(
    sp.GetRequiredService<TrialStorage>(), sp.GetRequiredService<FhirTrials.Storage.Resources.TableResourceStore>(), pipelineOptions));
builder.Services.AddSingleton(_ => WorkQueueClient.Connect(settings, settings.UsesIdentity ? new DefaultAzureCredential() : null));
builder.Services.AddSingleton(sp => new UploadSplitter(
    sp.GetRequiredService<IngestionPipeline>(), sp.GetRequiredService<TrialStorage>(), sp.GetRequiredService<WorkQueueClient>(), workQueueOptions, pipelineOptions));
builder.Services.AddFhirTrialsExport(ExportOptions.From(name => builder.Configuration[name]));
builder.Services.AddSingleton(sp => new WorkItemProcessor(sp.GetRequiredService<IngestionPipeline>(), sp.GetRequiredService<TrialStorage>(), workQueueOptions)
{ Exports = sp.GetRequiredService<ExportRunner>() });

var app = builder.Build();
await StorageProvisioner.EnsureCreatedAsync(
    app.Services.GetRequiredService<TrialStorage>(), [settings.IncomingContainer, settings.PoisonContainer], CancellationToken.None);
await app.Services.GetRequiredService<WorkQueueClient>().EnsureCreatedAsync(CancellationToken.None);
await app.RunAsync();
