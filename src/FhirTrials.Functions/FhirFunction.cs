using FhirTrials.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace FhirTrials.Functions;

/// <summary>
/// Every FHIR request under api/fhir/ goes to the shared engine, which writes the response itself. Write methods are
/// routed too, so a client gets the engine's 405 OperationOutcome (as from the Server host) rather than the host's
/// bare 404 for a method no function serves. Anonymous at the host: the bearer token is the gate (docs/adr/0006).
/// </summary>
public sealed class FhirFunction(FhirApiHandler handler)
{
    [Function("Fhir")]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", "post", "put", "patch", "delete", Route = FhirRoutes.FhirFunctionRoute)] HttpRequest request,
        string? path)
    {
        await handler.HandleAsync(request.HttpContext, path).ConfigureAwait(false);
        return new EmptyResult();
    }
}
