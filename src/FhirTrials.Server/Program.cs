using FhirTrials.Api;
using FhirTrials.Server;
using FhirTrials.Storage;
using Microsoft.AspNetCore.ResponseCompression;

var builder = WebApplication.CreateBuilder(args);
var settings = ServiceSettings.From(name => builder.Configuration[name]);
var apiSettings = ApiSettings.From(name => builder.Configuration[name]);
builder.Services.AddFhirTrialsApi(settings, apiSettings);
if (apiSettings.ResponseCompression)
{
    builder.Services.AddResponseCompression(options =>
    {
        options.EnableForHttps = true;
        options.MimeTypes = ResponseCompressionDefaults.MimeTypes.Concat(["application/fhir+json", "application/fhir+xml"]);
    });
}

if (apiSettings.CorsOrigins.Count > 0)
{
    builder.Services.AddCors(options => options.AddDefaultPolicy(policy =>
    {
        var origins = apiSettings.CorsOrigins.Contains("*") ? policy.AllowAnyOrigin() : policy.WithOrigins([.. apiSettings.CorsOrigins]);
        origins.AllowAnyHeader().WithMethods("GET", "HEAD", "POST", "OPTIONS").WithExposedHeaders("ETag", "Last-Modified", "Location");
    }));
}

var app = builder.Build();

// The run command: with the default development connection and no emulator listening, start Azurite ourselves.
await using var emulator = await LocalEmulator.EnsureRunningAsync(settings, app.Logger, app.Lifetime.ApplicationStopping);
await StorageProvisioner.EnsureCreatedAsync(
    app.Services.GetRequiredService<TrialStorage>(), [settings.IncomingContainer, settings.PoisonContainer], app.Lifetime.ApplicationStopping);

if (apiSettings.ResponseCompression)
{
    app.UseResponseCompression();
}

if (apiSettings.CorsOrigins.Count > 0)
{
    app.UseCors();
}

app.MapGet("/api/health", () => Results.Ok(new { status = "healthy" }));
app.Map(FhirRoutes.FhirServerPattern, (HttpContext context, string? path, FhirApiHandler handler) => handler.HandleAsync(context, path));

await app.RunAsync();

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
