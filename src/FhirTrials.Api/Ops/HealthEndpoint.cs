using Azure;
using Azure.Data.Tables;
using FhirTrials.Api.Errors;
using FhirTrials.Api.Http;
using FhirTrials.Storage;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;

namespace FhirTrials.Api.Ops;

/// <summary>
/// <c>GET /api/health</c>: 200 <c>{"status":"healthy"}</c> when storage answers one cheap query (an empty partition of
/// the resources table) within the request's <see cref="StorageBudget"/>; otherwise 503 with Retry-After and an
/// OperationOutcome saying what is wrong, so a load balancer or an on-call person can tell "storage away" from "up".
/// </summary>
public static class HealthEndpoint
{
    private const string ProbeFilter = "PartitionKey eq 'health-probe'";

    public static async System.Threading.Tasks.Task HandleAsync(HttpContext context, TrialStorage storage, ApiSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(settings);
        using var budget = new StorageBudget(settings.StorageBudget, context.RequestAborted);
        OperationOutcome problem;
        try
        {
            await foreach (var _ in storage.Resources.QueryAsync<TableEntity>(ProbeFilter, maxPerPage: 1, cancellationToken: budget.Token).AsPages().ConfigureAwait(false))
            {
                break;
            }

            await context.Response.WriteAsJsonAsync(new { status = "healthy" }, budget.Token).ConfigureAwait(false);
            return;
        }
        catch (Exception) when (budget.IsExceeded)
        {
            problem = budget.Outcome();
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Anonymous callers (probes) get no table or account names: the host's log has them.
            problem = OperationOutcomes.Error(OperationOutcome.IssueType.Transient, "Storage answers but the resources table does not exist: the host creates it at start.");
        }
        catch (RequestFailedException e)
        {
            problem = OperationOutcomes.Error(OperationOutcome.IssueType.Transient, $"Storage failed ({(e.Status == 0 ? "no connection" : e.Status)} {e.ErrorCode}); try again shortly.");
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return;
        }

        StorageBudget.SetRetryAfter(context.Response);
        await ResourceResponses.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, problem, WireFormat.Json).ConfigureAwait(false);
    }
}
