using Azure.Identity;
using FhirTrials.Api;
using FhirTrials.Api.Auth;
using FhirTrials.Api.Export;
using FhirTrials.Api.Http;
using FhirTrials.Api.Ops;
using FhirTrials.Server;
using FhirTrials.Storage;
using FhirTrials.Storage.Export;
using FhirTrials.Storage.Pipeline;
using FhirTrials.Storage.Resources;
using FhirTrials.Storage.WorkQueue;

var builder = WebApplication.CreateBuilder(args);
var settings = ServiceSettings.From(name => builder.Configuration[name]);
var apiSettings = ApiSettings.From(name => builder.Configuration[name]);
var hostSettings = HostSettings.From(name => builder.Configuration[name], settings, builder.Environment.IsDevelopment());
builder.Services.AddFhirTrialsApi(settings, apiSettings, settings.UsesIdentity ? new DefaultAzureCredential() : null);
builder.Services.AddSingleton(hostSettings);
builder.Services.AddSingleton(PipelineOptions.From(settings));
builder.Services.AddSingleton(sp => new IngestionPipeline(
    sp.GetRequiredService<TrialStorage>(), sp.GetRequiredService<TableResourceStore>(), sp.GetRequiredService<PipelineOptions>(), sp.GetRequiredService<TimeProvider>()));
builder.Services.AddSingleton(WorkQueueOptions.From(settings));
builder.Services.AddSingleton(sp => WorkQueueClient.Connect(settings, settings.UsesIdentity ? new DefaultAzureCredential() : null));
builder.Services.AddSingleton(sp => new UploadSplitter(
    sp.GetRequiredService<IngestionPipeline>(), sp.GetRequiredService<TrialStorage>(), sp.GetRequiredService<WorkQueueClient>(),
    sp.GetRequiredService<WorkQueueOptions>(), sp.GetRequiredService<PipelineOptions>(), sp.GetRequiredService<TimeProvider>()));
builder.Services.AddFhirTrialsExport(ExportOptions.From(name => builder.Configuration[name]));
builder.Services.AddSingleton(sp => new WorkItemProcessor(
    sp.GetRequiredService<IngestionPipeline>(), sp.GetRequiredService<TrialStorage>(), sp.GetRequiredService<WorkQueueOptions>(), sp.GetRequiredService<TimeProvider>())
{ Exports = sp.GetRequiredService<ExportRunner>() });
builder.Services.AddSingleton(sp => new WorkQueuePump(sp.GetRequiredService<WorkQueueClient>(), sp.GetRequiredService<WorkItemProcessor>()));
if (hostSettings.WatchIncoming)
{
    builder.Services.AddHostedService<BlobWatcher>();
}

if (hostSettings.ConsumeWorkQueue)
{
    builder.Services.AddHostedService<WorkQueueConsumer>();
}

builder.Services.AddFhirTrialsHttp(apiSettings);
// Who may call what (docs/adr/0006); throws at start for AuthMode none on storage that is not the emulator.
builder.Services.AddFhirTrialsAuth(AuthSettings.From(name => builder.Configuration[name], settings));

var app = builder.Build();

// The run command: with the default development connection and no emulator listening, start Azurite ourselves.
await using var emulator = await LocalEmulator.EnsureRunningAsync(settings, app.Logger, app.Lifetime.ApplicationStopping);
await StorageProvisioner.EnsureCreatedAsync(
    app.Services.GetRequiredService<TrialStorage>(), [settings.IncomingContainer, settings.PoisonContainer], app.Lifetime.ApplicationStopping);
await app.Services.GetRequiredService<WorkQueueClient>().EnsureCreatedAsync(app.Lifetime.ApplicationStopping);
if (hostSettings.SeedSamples)
{
    await SampleSeeder.SeedAsync(
        app.Services.GetRequiredService<TrialStorage>().BlobService.GetBlobContainerClient(settings.IncomingContainer), app.Logger, app.Lifetime.ApplicationStopping);
}

app.UseFhirTrialsHttp(apiSettings);
app.MapGet(FhirRoutes.HealthServerPattern, HealthEndpoint.HandleAsync);
app.MapGet(FhirRoutes.IngestionsServerPattern, IngestionsEndpoint.HandleAsync);
app.Map(FhirRoutes.FhirServerPattern, (HttpContext context, string? path, FhirApiHandler handler) => handler.HandleAsync(context, path));

await app.RunAsync();

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
