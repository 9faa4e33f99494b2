namespace FhirTrials.Api;

/// <summary>Routes shared by both hosts. Azure Functions adds its own "api" route prefix (host.json), so the Functions
/// routes are these without "api/".</summary>
public static class FhirRoutes
{
    public const string FunctionsRoutePrefix = "api";
    public const string FhirBase = "fhir";
    public const string FhirFunctionRoute = FhirBase + "/{*path}";
    public const string FhirServerPattern = "/" + FunctionsRoutePrefix + "/" + FhirBase + "/{**path}";
    public const string IngestionsRoute = "ingestions";
    public const string IngestionsServerPattern = "/" + FunctionsRoutePrefix + "/" + IngestionsRoute;
    public const string HealthRoute = "health";
    public const string HealthServerPattern = "/" + FunctionsRoutePrefix + "/" + HealthRoute;
}
