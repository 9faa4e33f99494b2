using FhirTrials.Storage;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Microsoft.AspNetCore.Http;

namespace FhirTrials.Api;

/// <summary>
/// Entry point of the FHIR REST engine: both hosts hand it every request under <c>api/fhir/</c>.
/// </summary>
public sealed class FhirApiHandler(ServiceSettings settings)
{
    private static readonly FhirJsonSerializer Json = new();

    public async System.Threading.Tasks.Task HandleAsync(HttpContext context, string? path)
    {
        ArgumentNullException.ThrowIfNull(context);
        var segments = (path ?? "").Trim('/');
        if (HttpMethods.IsGet(context.Request.Method) && segments == "metadata")
        {
            await WriteAsync(context, StatusCodes.Status200OK, CapabilityStatementFactory.Create(settings.PublicBaseUrl)).ConfigureAwait(false);
            return;
        }

        var outcome = new OperationOutcome();
        outcome.Issue.Add(new OperationOutcome.IssueComponent
        {
            Severity = OperationOutcome.IssueSeverity.Error,
            Code = OperationOutcome.IssueType.NotFound,
            Diagnostics = $"No FHIR interaction at '{segments}'.",
        });
        await WriteAsync(context, StatusCodes.Status404NotFound, outcome).ConfigureAwait(false);
    }

    private static async System.Threading.Tasks.Task WriteAsync(HttpContext context, int status, Resource resource)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/fhir+json; charset=utf-8";
        await context.Response.WriteAsync(Json.SerializeToString(resource), context.RequestAborted).ConfigureAwait(false);
    }
}
