using System.Globalization;
using FhirTrials.Api.Auth;
using FhirTrials.Api.Errors;
using FhirTrials.Api.Http;
using FhirTrials.Api.Rendering;
using FhirTrials.Storage.Export;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;

namespace FhirTrials.Api.Export;

/// <summary>
/// Bulk Data Access v2.0.0 <c>$export</c> over HTTP: kick-off (202 + Content-Location), status (202 with X-Progress
/// and Retry-After, then 200 with the manifest), cancel (DELETE), and the output files; type and system history are
/// served from the same change index (<see cref="ChangeHistory"/>).
/// </summary>
public sealed class ExportEndpoints(ExportRunner runner, ChangeHistory history, TimeProvider time, RequestAuthorizer? authorizer = null)
{
    /// <summary>Seconds a client is asked to wait between status requests: a slice takes about that long.</summary>
    public const int RetryAfterSeconds = 2;

    public async System.Threading.Tasks.Task HandleAsync(HttpContext context, FhirRoute route, Uri serviceBase, WireFormat format, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(route);
        switch (route.Interaction)
        {
            case FhirInteraction.Export:
                await KickOffAsync(context, route.ResourceType, serviceBase, format, cancellationToken).ConfigureAwait(false);
                break;
            case FhirInteraction.ExportStatus:
                await StatusAsync(context, route.Id!, serviceBase, format, cancellationToken).ConfigureAwait(false);
                break;
            case FhirInteraction.ExportCancel:
                await CancelAsync(context, route.Id!, format, cancellationToken).ConfigureAwait(false);
                break;
            case FhirInteraction.ExportFile:
                await FileAsync(context, route.Id!, route.VersionId!, cancellationToken).ConfigureAwait(false);
                break;
            default:
                await history.HandleAsync(context, route.ResourceType, serviceBase, format, cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    private async System.Threading.Tasks.Task KickOffAsync(HttpContext context, string? resourceType, Uri serviceBase, WireFormat format, CancellationToken cancellationToken)
    {
        var prefer = context.Request.Headers["Prefer"].ToString();
        if (!prefer.Contains("respond-async", StringComparison.OrdinalIgnoreCase))
        {
            throw FhirException.BadRequest("$export runs asynchronously: send the header Prefer: respond-async.");
        }

        var parameters = context.Request.Query.SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string>(q.Key, v ?? ""))).ToList();
        if (HttpMethods.IsPost(context.Request.Method) && context.Request.ContentLength is not 0)
        {
            parameters.AddRange(ExportRequest.FromParameters(await ReadParametersAsync(context).ConfigureAwait(false)));
        }

        var now = time.GetUtcNow();
        var request = ExportRequest.Parse(resourceType, parameters, now, prefer.Contains("handling=lenient", StringComparison.OrdinalIgnoreCase));
        if (!await MayReadAsync(context, request.Types, format).ConfigureAwait(false))
        {
            return;
        }

        var job = new ExportJob(ExportJobs.NewJobId(), ExportStatus.Running, request.Types, [], request.Since, Truncate(now),
            (context.Request.Scheme + "://" + context.Request.Host + context.Request.PathBase + context.Request.Path + context.Request.QueryString).ToString());
        await runner.StartAsync(job, cancellationToken).ConfigureAwait(false);
        context.Response.Headers.ContentLocation = StatusUrl(serviceBase, job.Id);
        var accepted = new OperationOutcome
        {
            Issue = [new OperationOutcome.IssueComponent
            {
                Severity = OperationOutcome.IssueSeverity.Information,
                Code = OperationOutcome.IssueType.Informational,
                Diagnostics = $"Export of {string.Join(", ", job.Types)}{(job.Since is { } s ? " changed after " + ExportRequest.Instant(s) : "")} started; poll the Content-Location.",
            }],
        };
        await ResourceResponses.WriteAsync(context, StatusCodes.Status202Accepted, accepted, format).ConfigureAwait(false);
    }

    private async System.Threading.Tasks.Task StatusAsync(HttpContext context, string id, Uri serviceBase, WireFormat format, CancellationToken cancellationToken)
    {
        var job = await FindAsync(id, cancellationToken).ConfigureAwait(false);
        if (!await MayReadAsync(context, job.Types, format).ConfigureAwait(false))
        {
            return;
        }

        switch (job.Status)
        {
            case ExportStatus.Running:
                var parts = await runner.Jobs.PartsAsync(id, cancellationToken).ConfigureAwait(false);
                context.Response.StatusCode = StatusCodes.Status202Accepted;
                context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                context.Response.Headers["X-Progress"] =
                    $"{job.DoneTypes.Count} of {job.Types.Count} types done, {parts.Where(p => p.Count > 0).Sum(p => p.Count)} resources written";
                break;
            case ExportStatus.Failed:
                throw new FhirException(500, OperationOutcome.IssueType.Exception, "The export failed: " + job.Error);
            default:
                var manifest = ExportManifest.Write(job, await runner.Jobs.PartsAsync(id, cancellationToken).ConfigureAwait(false), serviceBase, authorizer?.Settings.RequiresToken ?? false);
                context.Response.StatusCode = StatusCodes.Status200OK;
                context.Response.ContentType = "application/json; charset=utf-8";
                if (job.ExpiresAt is { } expires)
                {
                    context.Response.Headers.Expires = expires.ToString("r", CultureInfo.InvariantCulture);
                }

                context.Response.ContentLength = manifest.Length;
                await context.Response.Body.WriteAsync(manifest, cancellationToken).ConfigureAwait(false);
                break;
        }

        _ = format;
    }

    private async System.Threading.Tasks.Task CancelAsync(HttpContext context, string id, WireFormat format, CancellationToken cancellationToken)
    {
        var job = await FindAsync(id, cancellationToken).ConfigureAwait(false);
        if (!await MayReadAsync(context, job.Types, format).ConfigureAwait(false))
        {
            return;
        }

        await runner.Jobs.UpdateAsync(id, job => job with { Status = ExportStatus.Cancelled }, cancellationToken).ConfigureAwait(false);
        await runner.Jobs.DeleteAsync(id, cancellationToken).ConfigureAwait(false);
        var outcome = new OperationOutcome
        {
            Issue = [new OperationOutcome.IssueComponent
            {
                Severity = OperationOutcome.IssueSeverity.Information,
                Code = OperationOutcome.IssueType.Informational,
                Diagnostics = $"Export {id} is cancelled and its files deleted.",
            }],
        };
        await ResourceResponses.WriteAsync(context, StatusCodes.Status202Accepted, outcome, format).ConfigureAwait(false);
    }

    private async System.Threading.Tasks.Task FileAsync(HttpContext context, string id, string file, CancellationToken cancellationToken)
    {
        var job = await FindAsync(id, cancellationToken).ConfigureAwait(false);
        if (!await MayReadAsync(context, job.Types, WireFormat.Json).ConfigureAwait(false))
        {
            return;
        }

        var parts = job.Status == ExportStatus.Completed ? await runner.Jobs.PartsAsync(id, cancellationToken).ConfigureAwait(false) : [];
        var part = parts.FirstOrDefault(p => p.Blob == id + "/" + file)
            ?? throw FhirException.NotFound($"Export {id} has no file {SummaryFilter.Shorten(file)}.");
        var blob = runner.Jobs.Files.GetBlobClient(part.Blob);
        var download = await blob.DownloadStreamingAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        await using var content = download.Value.Content;
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/fhir+ndjson";
        context.Response.ContentLength = download.Value.Details.ContentLength;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await content.CopyToAsync(context.Response.Body, cancellationToken).ConfigureAwait(false);
        }
    }

    private System.Threading.Tasks.Task<bool> MayReadAsync(HttpContext context, IEnumerable<string> types, WireFormat format) =>
        authorizer is null ? System.Threading.Tasks.Task.FromResult(true) : authorizer.RequireReadAsync(context, types, format);

    /// <summary>The job, unless it is unknown, cancelled or past its retention (then 404, as the spec has it).</summary>
    private async System.Threading.Tasks.Task<ExportJob> FindAsync(string id, CancellationToken cancellationToken)
    {
        var job = await runner.Jobs.GetAsync(id, cancellationToken).ConfigureAwait(false);
        return job is null || job.Status == ExportStatus.Cancelled || runner.Jobs.IsExpired(job)
            ? throw FhirException.NotFound($"No export {SummaryFilter.Shorten(id)}: unknown, cancelled or past its retention.")
            : job;
    }

    private static async System.Threading.Tasks.Task<Parameters> ReadParametersAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(body))
        {
            return new Parameters();
        }

        try
        {
            return ResourceSerializer.Parse(body) as Parameters
                ?? throw FhirException.BadRequest("The body of a POST $export must be a Parameters resource.");
        }
        catch (Exception e) when (e is FormatException or Hl7.Fhir.Serialization.DeserializationFailedException)
        {
            throw FhirException.BadRequest("The body of the $export is not a readable FHIR JSON Parameters resource: " + SummaryFilter.Shorten(e.Message));
        }
    }

    public static string StatusUrl(Uri serviceBase, string id) => new Uri(serviceBase, ExportRoutes.Status + "/" + id).AbsoluteUri;

    // The manifest's transactionTime is written in milliseconds: the instant the job reads up to must be that one.
    private static DateTimeOffset Truncate(DateTimeOffset value) => new(value.UtcTicks - (value.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
}
