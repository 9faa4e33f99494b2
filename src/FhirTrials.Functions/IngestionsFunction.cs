using FhirTrials.Api;
using FhirTrials.Api.Auth;
using FhirTrials.Api.Ops;
using FhirTrials.Storage.Ingestion;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace FhirTrials.Functions;

/// <summary>The ops view of the ingestion log (GET api/ingestions), the same endpoint the Server host maps. Anonymous
/// at the host: a token with the ops role is the gate (docs/adr/0006).</summary>
public sealed class IngestionsFunction(IngestionLog log, ApiSettings settings, RequestAuthorizer authorizer)
{
    [Function("Ingestions")]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = FhirRoutes.IngestionsRoute)] HttpRequest request)
    {
        var result = await IngestionsEndpoint.HandleAsync(request.HttpContext, log, settings, authorizer).ConfigureAwait(false);
        await result.ExecuteAsync(request.HttpContext).ConfigureAwait(false);
        return new EmptyResult();
    }
}
