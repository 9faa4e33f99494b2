using FhirTrials.Api.Auth;
using FhirTrials.Api.Data;
using FhirTrials.Api.Errors;
using FhirTrials.Api.Http;
using FhirTrials.Api.Match;
using FhirTrials.Api.Rendering;
using FhirTrials.Api.Search;
using FhirTrials.Core.Search;
using FhirTrials.Storage;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FhirTrials.Api;

/// <summary>
/// Entry point of the FHIR REST engine: both hosts hand it every request under <c>api/fhir/</c>. Every failure a
/// client can cause is an OperationOutcome with a 4xx status; storage that fails or does not answer within the
/// request's <see cref="StorageBudget"/> is a 503 with Retry-After; only a fault of ours is a 500. Who may do what is
/// asked of the <see cref="RequestAuthorizer"/> once the route is known (null: no checks, as with AuthMode none).
/// </summary>
public sealed class FhirApiHandler(
    ServiceSettings settings, ApiSettings apiSettings, ContinuationKeyStore keys, IFhirStore store, TimeProvider time, ILogger<FhirApiHandler> logger,
    RequestAuthorizer? authorizer = null)
{
    private readonly SearchExecutor _search = new(store);
    private readonly MatchHandler _match = new(store, keys, time);

    public async System.Threading.Tasks.Task HandleAsync(HttpContext context, string? path)
    {
        ArgumentNullException.ThrowIfNull(context);
        var format = ContentNegotiation.Select(context.Request) ?? (Export.ExportRoutes.IsFile(path) ? WireFormat.Json : null);
        if (format is null)
        {
            var outcome = OperationOutcomes.Error(OperationOutcome.IssueType.NotSupported,
                "Acceptable formats: application/fhir+json, application/json, application/fhir+xml, application/xml (Accept or _format).");
            await ResourceResponses.WriteAsync(context, StatusCodes.Status406NotAcceptable, outcome, WireFormat.Json).ConfigureAwait(false);
            return;
        }

        using var budget = new StorageBudget(apiSettings.StorageBudget, context.RequestAborted);
        try
        {
            await DispatchAsync(context, path, format.Value, budget.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (budget.IsExceeded)
        {
            // Whatever surfaced (a cancelled call, a retry cut short), the cause is storage not answering in time.
            logger.LogWarning(e, "Storage did not answer within {Budget} during FHIR request {Method} {Path}", budget.Budget, context.Request.Method, path);
            if (!context.Response.HasStarted)
            {
                context.Response.Clear();
                StorageBudget.SetRetryAfter(context.Response);
                await ResourceResponses.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, budget.Outcome(), format.Value).ConfigureAwait(false);
            }
        }
        catch (FhirException e)
        {
            await WriteErrorAsync(context, e.Status, e.IssueType, e.Message, format.Value).ConfigureAwait(false);
        }
        catch (BadHttpRequestException e)
        {
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, OperationOutcome.IssueType.Invalid, "Unreadable request: " + e.Message, format.Value).ConfigureAwait(false);
        }
        catch (Azure.RequestFailedException e)
        {
            // Storage refused or is away: the request may well succeed later.
            logger.LogError(e, "Storage failed during FHIR request {Method} {Path}", context.Request.Method, path);
            StorageBudget.SetRetryAfter(context.Response);
            await WriteErrorAsync(context, StatusCodes.Status503ServiceUnavailable, OperationOutcome.IssueType.Transient, "Storage is unavailable; try again shortly.", format.Value).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nobody is left to answer.
        }
#pragma warning disable CA1031 // The last line of defence: the client gets an OperationOutcome, the log the details.
        catch (Exception e)
#pragma warning restore CA1031
        {
            logger.LogError(e, "FHIR request {Method} {Path} failed", context.Request.Method, path);
            await WriteErrorAsync(context, StatusCodes.Status500InternalServerError, OperationOutcome.IssueType.Exception, "The server could not complete the request.", format.Value).ConfigureAwait(false);
        }
    }

    private async System.Threading.Tasks.Task DispatchAsync(HttpContext context, string? path, WireFormat format, CancellationToken cancellationToken)
    {
        var route = FhirRequestRouter.Route(context.Request.Method, path);
        if (authorizer is not null && !await authorizer.AuthorizeAsync(context, route, format).ConfigureAwait(false))
        {
            return;
        }

        var query = context.Request.Query;
        switch (route.Interaction)
        {
            case FhirInteraction.Capabilities:
                var capabilities = CapabilityStatementFactory.Create(settings.PublicBaseUrl ?? ServiceBase(context.Request, path), authorizer?.Settings);
                await ResourceResponses.WriteAsync(context, 200, capabilities, format, SummaryFilter.Parse(query["_summary"], query["_elements"])).ConfigureAwait(false);
                break;
            case FhirInteraction.Read when route.ResourceType == FhirRequestRouter.SearchParameterType:
                var definition = MatchSearchParameters.Definition(route.Id!)
                    ?? throw FhirException.NotFound($"SearchParameter/{route.Id} is not known.");
                await ResourceResponses.WriteAsync(context, 200, definition, format).ConfigureAwait(false);
                break;
            case FhirInteraction.Read when route.ResourceType == FhirRequestRouter.OperationDefinitionType:
                var operation = route.Id == MatchOperationDefinition.Id
                    ? MatchOperationDefinition.Create()
                    : throw FhirException.NotFound($"OperationDefinition/{route.Id} is not known.");
                await ResourceResponses.WriteAsync(context, 200, operation, format).ConfigureAwait(false);
                break;
            case FhirInteraction.Match:
                await _match.HandleAsync(
                    context, ServiceBaseFor(context, path), format, cancellationToken, authorizer is null ? null : q => authorizer.Restrict(context.User, q)).ConfigureAwait(false);
                break;
            case FhirInteraction.Read:
                var current = await store.ReadAsync(route.ResourceType!, route.Id!, cancellationToken).ConfigureAwait(false)
                    ?? throw FhirException.NotFound($"{route.ResourceType}/{route.Id} does not exist.");
                await WriteStoredAsync(context, current, format).ConfigureAwait(false);
                break;
            case FhirInteraction.VRead:
                var version = await store.ReadVersionAsync(route.ResourceType!, route.Id!, route.VersionId!, cancellationToken).ConfigureAwait(false)
                    ?? throw FhirException.NotFound($"{route.ResourceType}/{route.Id} has no version {route.VersionId}.");
                await WriteStoredAsync(context, version, format).ConfigureAwait(false);
                break;
            case FhirInteraction.HistoryInstance:
                var versions = new List<Resource>();
                await foreach (var stored in store.HistoryAsync(route.ResourceType!, route.Id!, cancellationToken).ConfigureAwait(false))
                {
                    versions.Add(ResourceSerializer.Parse(stored.Json));
                }

                if (versions.Count == 0)
                {
                    throw FhirException.NotFound($"{route.ResourceType}/{route.Id} does not exist.");
                }

                var history = BundleBuilder.History(ServiceBaseFor(context, path), route.ResourceType!, route.Id!, versions);
                await ResourceResponses.WriteAsync(context, 200, history, format).ConfigureAwait(false);
                break;
            case FhirInteraction.SearchType:
                await SearchAsync(context, path, route.ResourceType!, format, cancellationToken).ConfigureAwait(false);
                break;
            case FhirInteraction.SmartConfiguration:
                await SmartSecurity.WriteConfigurationAsync(context, authorizer?.Settings).ConfigureAwait(false);
                break;
            case FhirInteraction.Export or FhirInteraction.ExportStatus or FhirInteraction.ExportCancel or FhirInteraction.ExportFile
                or FhirInteraction.HistoryType or FhirInteraction.HistorySystem:
                await context.RequestServices.GetRequiredService<Export.ExportEndpoints>().HandleAsync(context, route, ServiceBaseFor(context, path), format, cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    private async System.Threading.Tasks.Task SearchAsync(HttpContext context, string? path, string resourceType, WireFormat format, CancellationToken cancellationToken)
    {
        var parameters = context.Request.Query.SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string>(q.Key, v ?? ""))).ToList();
        if (HttpMethods.IsPost(context.Request.Method) && context.Request.HasFormContentType)
        {
            IFormCollection form;
            try
            {
                form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
            }
            catch (InvalidDataException e)
            {
                throw FhirException.BadRequest("The form body of the search cannot be read: " + e.Message);
            }

            parameters.AddRange(form.SelectMany(f => f.Value.Select(v => new KeyValuePair<string, string>(f.Key, v ?? ""))));
        }

        var strict = context.Request.Headers["Prefer"].Any(p => p?.Contains("handling=strict", StringComparison.OrdinalIgnoreCase) == true);
        var query = SearchQueryParser.Parse(resourceType, parameters, strict);
        query = authorizer?.Restrict(context.User, query) ?? query;
        var fingerprint = SearchQueryParser.Fingerprint(query);
        var tokens = new ContinuationToken(await keys.GetAsync(cancellationToken).ConfigureAwait(false), time);
        var position = query.ContinuationToken is { } token ? tokens.Read(token, fingerprint) : ((int, string)?)null;
        var page = await _search.ExecuteAsync(query, position, cancellationToken).ConfigureAwait(false);
        var nextToken = page.Next is { } next ? tokens.Create(fingerprint, next.Offset, next.LastId) : null;
        var bundle = BundleBuilder.Searchset(ServiceBaseFor(context, path), query, page, nextToken);
        await ResourceResponses.WriteAsync(context, 200, bundle, format, query.Summary.IsCount ? null : query.Summary).ConfigureAwait(false);
    }

    /// <summary>
    /// A stored version as the response. JSON asked for without <c>_summary</c>, <c>_elements</c> or <c>_pretty</c> is
    /// sent as stored (the store writes it with the same FHIR serialiser): parsing and re-serialising it would cost
    /// more than the storage read itself.
    /// </summary>
    private static async System.Threading.Tasks.Task WriteStoredAsync(HttpContext context, StoredVersion stored, WireFormat format)
    {
        var query = context.Request.Query;
        if (format != WireFormat.Json || query.ContainsKey("_summary") || query.ContainsKey("_elements") || query.ContainsKey("_pretty"))
        {
            await WriteResourceAsync(context, ResourceSerializer.Parse(stored.Json), format).ConfigureAwait(false);
            return;
        }

        if (ResourceResponses.IsNotModified(context.Request, stored.VersionId, stored.LastUpdated))
        {
            ResourceResponses.WriteNotModified(context, stored.VersionId, stored.LastUpdated);
            return;
        }

        ResourceResponses.SetVersionHeaders(context.Response, stored.VersionId, stored.LastUpdated);
        await ResourceResponses.WriteJsonAsync(context, 200, stored.Json).ConfigureAwait(false);
    }

    private static async System.Threading.Tasks.Task WriteResourceAsync(HttpContext context, Resource resource, WireFormat format)
    {
        var filter = SummaryFilter.Parse(context.Request.Query["_summary"], context.Request.Query["_elements"]);
        if (ResourceResponses.IsNotModified(context.Request, resource))
        {
            ResourceResponses.WriteNotModified(context, resource);
            return;
        }

        ResourceResponses.SetVersionHeaders(context.Response, resource);
        await ResourceResponses.WriteAsync(context, 200, resource, format, filter).ConfigureAwait(false);
    }

    private static System.Threading.Tasks.Task WriteErrorAsync(HttpContext context, int status, OperationOutcome.IssueType type, string message, WireFormat format)
    {
        if (context.Response.HasStarted)
        {
            return System.Threading.Tasks.Task.CompletedTask;
        }

        var retryAfter = context.Response.Headers.RetryAfter;
        context.Response.Clear();
        context.Response.Headers.RetryAfter = retryAfter;
        return ResourceResponses.WriteAsync(context, status, OperationOutcomes.Error(type, message), format);
    }

    private Uri ServiceBaseFor(HttpContext context, string? path) => settings.PublicBaseUrl ?? ServiceBase(context.Request, path);

    /// <summary>The base the request came in on: its path minus the part after <c>api/fhir/</c>.</summary>
    private static Uri ServiceBase(HttpRequest request, string? path)
    {
        var full = (request.PathBase + request.Path).ToString();
        var trimmed = path is { Length: > 0 } && full.EndsWith(path, StringComparison.Ordinal) ? full[..^path.Length] : full;
        return new Uri($"{request.Scheme}://{request.Host}{trimmed.TrimEnd('/')}/");
    }
}
