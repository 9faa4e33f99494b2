using System.Globalization;
using FhirTrials.Api.Errors;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;

namespace FhirTrials.Api.Http;

/// <summary>
/// The deadline all storage calls of one API request share (<see cref="ApiSettings.StorageBudget"/>): its token ends
/// the SDK's in-flight call and its retries, so a stalled storage costs a client seconds and a 503 with Retry-After,
/// not a request held open until storage wakes up.
/// </summary>
/// <remarks>
/// The storage clients keep the SDK's retry defaults (3 retries, exponential back-off from 0.8 s, 100 s network
/// timeout) because ingestion shares them and must outlast a slow write; the budget is what bounds an API request,
/// retries included. Ingestion never sees this token.
/// </remarks>
public sealed class StorageBudget : IDisposable
{
    /// <summary>What a 503 from a stall asks clients to wait before trying again.</summary>
    public const int RetryAfterSeconds = 5;

    private readonly CancellationTokenSource _deadline;
    private readonly CancellationToken _requestAborted;

    public StorageBudget(TimeSpan budget, CancellationToken requestAborted)
    {
        Budget = budget;
        _requestAborted = requestAborted;
        _deadline = CancellationTokenSource.CreateLinkedTokenSource(requestAborted);
        _deadline.CancelAfter(budget);
    }

    public TimeSpan Budget { get; }

    public CancellationToken Token => _deadline.Token;

    /// <summary>The deadline passed while the client was still waiting: whatever was thrown, storage was too slow.</summary>
    public bool IsExceeded => _deadline.IsCancellationRequested && !_requestAborted.IsCancellationRequested;

    public OperationOutcome Outcome() => OperationOutcomes.Error(OperationOutcome.IssueType.Timeout,
        string.Create(CultureInfo.InvariantCulture, $"Storage did not answer within {Budget.TotalSeconds:0.#} s; try again shortly."));

    public static void SetRetryAfter(HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
    }

    public void Dispose() => _deadline.Dispose();
}
