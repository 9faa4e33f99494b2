using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using FhirTrials.Api;
using FhirTrials.Api.Data;
using FhirTrials.Core.Search;
using FhirTrials.Storage;
using FhirTrials.Storage.Resources;
using FhirTrials.Storage.Search;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;

namespace FhirTrials.LoadDriver.Api;

/// <summary>
/// The storage requests the API makes per request, counted by running requests through the same engine the Server
/// host runs (<see cref="FhirApiHandler"/>), in process, on clients with a counting policy: the child process's own
/// storage clients cannot be instrumented from here.
/// </summary>
internal sealed class EngineRequestCount
{
    private readonly RequestCounter _counter = new();
    private readonly FhirApiHandler _handler;

    public EngineRequestCount(string connectionString, string tablePrefix)
    {
        var tableOptions = new TableClientOptions();
        tableOptions.AddPolicy(_counter, HttpPipelinePosition.PerRetry);
        var blobOptions = new BlobClientOptions();
        blobOptions.AddPolicy(_counter, HttpPipelinePosition.PerRetry);
        var storage = TrialStorage.Connect(connectionString, tablePrefix, tableOptions, blobOptions);
        var settings = new ServiceSettings { StorageConnection = connectionString, TablePrefix = tablePrefix };
        var store = new TableFhirStore(new TableResourceStore(storage, SearchIndexer.Extract), new TableIndexStore(storage));
        var api = new ApiSettings();
        _handler = new FhirApiHandler(settings, api, new ContinuationKeyStore(api, storage), store, TimeProvider.System, NullLogger<FhirApiHandler>.Instance);
    }

    /// <summary>Storage requests per request, averaged over <paramref name="samples"/> requests of <paramref name="path"/>(input).</summary>
    /// <param name="path">The part after api/fhir/, with its query string, for one input.</param>
    public async Task<double> PerRequestAsync(Func<string> pick, Func<string, string> path, int samples, CancellationToken cancellationToken)
    {
        // First requests load what the engine keeps (the continuation token key): not a per-request cost.
        await SendAsync(path(pick()), cancellationToken);
        var before = _counter.Count;
        for (var i = 0; i < samples; i++)
        {
            await SendAsync(path(pick()), cancellationToken);
        }

        return (_counter.Count - before) / (double)samples;
    }

    private async Task SendAsync(string relative, CancellationToken cancellationToken)
    {
        var (route, query) = relative.IndexOf('?', StringComparison.Ordinal) is var q and >= 0 ? (relative[..q], relative[q..]) : (relative, "");
        var context = new DefaultHttpContext();
        context.Request.Method = HttpMethods.Get;
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("localhost");
        context.Request.Path = "/api/fhir/" + route;
        context.Request.QueryString = new QueryString(query);
        context.Request.Headers.Accept = "application/fhir+json";
        context.Response.Body = new MemoryStream();
        context.RequestAborted = cancellationToken;
        await _handler.HandleAsync(context, route);
        if (context.Response.StatusCode != StatusCodes.Status200OK)
        {
            throw new InvalidOperationException($"The engine answered GET {relative} with {context.Response.StatusCode}.");
        }
    }
}
