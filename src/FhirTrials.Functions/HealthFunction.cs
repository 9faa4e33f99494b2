using FhirTrials.Api;
using FhirTrials.Api.Ops;
using FhirTrials.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace FhirTrials.Functions;

/// <summary>GET api/health, the same storage-aware check the Server host maps (anonymous: probes carry no key).</summary>
public sealed class HealthFunction(TrialStorage storage, ApiSettings settings)
{
    [Function("Health")]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = FhirRoutes.HealthRoute)] HttpRequest request)
    {
        await HealthEndpoint.HandleAsync(request.HttpContext, storage, settings).ConfigureAwait(false);
        return new EmptyResult();
    }
}
