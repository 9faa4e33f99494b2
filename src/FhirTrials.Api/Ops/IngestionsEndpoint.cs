using System.Globalization;
using FhirTrials.Api.Auth;
using FhirTrials.Api.Http;
using FhirTrials.Storage.Ingestion;
using Microsoft.AspNetCore.Http;

namespace FhirTrials.Api.Ops;

/// <summary>
/// <c>GET /api/ingestions?outcome=&amp;blob=&amp;_count=&amp;_continuation=</c>: the ingestion log newest first, as plain JSON for
/// ops (it is not a FHIR resource). Both hosts map it.
/// </summary>
public static class IngestionsEndpoint
{
    public const int DefaultCount = 50;

    /// <param name="settings">For the storage budget; null: <see cref="ApiSettings.DefaultStorageBudget"/>.</param>
    /// <param name="authorizer">Checks the ops role (docs/adr/0006); null: no check, as with AuthMode none.</param>
    public static async Task<IResult> HandleAsync(HttpContext context, IngestionLog log, ApiSettings? settings = null, RequestAuthorizer? authorizer = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(log);
        if (authorizer is not null && !await authorizer.RequireOpsRoleAsync(context).ConfigureAwait(false))
        {
            return Results.Empty;
        }

        var query = context.Request.Query;
        IngestionOutcome? outcome = null;
        if (query["outcome"].ToString() is { Length: > 0 } outcomeText)
        {
            if (!Enum.TryParse<IngestionOutcome>(outcomeText, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || outcomeText.All(char.IsAsciiDigit))
            {
                return Problem($"outcome '{outcomeText}' is not one of {string.Join(", ", Enum.GetNames<IngestionOutcome>())}.");
            }

            outcome = parsed;
        }

        var count = DefaultCount;
        if (query["_count"].ToString() is { Length: > 0 } countText
            && (!int.TryParse(countText, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count < 1 || count > IngestionLog.MaxTake))
        {
            return Problem($"_count '{countText}' must be a whole number from 1 to {IngestionLog.MaxTake}.");
        }

        var blob = query["blob"].ToString() is { Length: > 0 } name ? name : null;
        using var budget = new StorageBudget(settings?.StorageBudget ?? ApiSettings.DefaultStorageBudget, context.RequestAborted);
        try
        {
            var page = await log.ListAsync(outcome, blob, count, query["_continuation"].ToString(), budget.Token).ConfigureAwait(false);
            return Results.Ok(page);
        }
        catch (Exception) when (budget.IsExceeded)
        {
            StorageBudget.SetRetryAfter(context.Response);
            return Results.Problem(budget.Outcome().Issue[0].Diagnostics, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Storage did not answer in time");
        }
        catch (ArgumentException e)
        {
            return Problem(e.Message);
        }
    }

    private static IResult Problem(string detail) => Results.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Bad ingestion log query");
}
