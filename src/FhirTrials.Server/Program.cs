using FhirTrials.Api;
using FhirTrials.Server;
using FhirTrials.Storage;

var builder = WebApplication.CreateBuilder(args);
var settings = ServiceSettings.From(name => builder.Configuration[name]);
builder.Services.AddSingleton(settings);
builder.Services.AddSingleton<FhirApiHandler>();

var app = builder.Build();

// The run command: with the default development connection and no emulator listening, start Azurite ourselves.
await using var emulator = await LocalEmulator.EnsureRunningAsync(settings, app.Logger, app.Lifetime.ApplicationStopping);

app.MapGet("/api/health", () => Results.Ok(new { status = "healthy" }));
app.Map(FhirRoutes.FhirServerPattern, (HttpContext context, string? path, FhirApiHandler handler) => handler.HandleAsync(context, path));

await app.RunAsync();

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
