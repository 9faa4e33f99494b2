using System.Net.Sockets;
using Azure;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using FhirTrials.Storage;

namespace FhirTrials.Cli.Failures;

/// <summary>
/// Storage clients for the CLI, and its storage failures turned into one line that names the endpoint and the fix.
/// </summary>
/// <remarks>
/// The services keep the SDK defaults (3 retries with exponential back-off, 100 s network timeout): an ingestion must
/// not give up on a slow write. A person at a terminal wants to know within seconds that nothing listens, so the CLI
/// retries once after half a second and waits at most <see cref="NetworkTimeout"/> for one answer.
/// </remarks>
internal static class CliStorage
{
    public static readonly TimeSpan NetworkTimeout = TimeSpan.FromSeconds(10);

    public static TrialStorage Connect(CliSettings settings) =>
        Create(settings, () => TrialStorage.Connect(settings.Service.StorageConnection, settings.Service.TablePrefix, Fast(new TableClientOptions()), Fast(new BlobClientOptions())));

    public static BlobContainerClient Container(CliSettings settings) =>
        Create(settings, () => new BlobContainerClient(settings.Service.StorageConnection, settings.Service.IncomingContainer, Fast(new BlobClientOptions())));

    /// <summary>The container reached with a token (Microsoft Entra ID data-plane roles): the connection must be the
    /// account's blob service URL, which the Azure SDK only sends a token to over https.</summary>
    public static BlobContainerClient Container(CliSettings settings, TokenCredential credential)
    {
        var connection = settings.Service.StorageConnection.Trim();
        if (!Uri.TryCreate(connection, UriKind.Absolute, out var service) || service.Scheme != Uri.UriSchemeHttps)
        {
            throw new CliException(ExitCodes.Usage,
                $"a token (--token, --token-scope) needs the storage as its blob service URL (https://<account>.blob.core.windows.net), not the connection string from {settings.ConnectionSource}.");
        }

        return new BlobContainerClient(new Uri(service.AbsoluteUri.TrimEnd('/') + "/" + settings.Service.IncomingContainer), credential, Fast(new BlobClientOptions()));
    }

    /// <summary>The failure as the user should read it; null when it is not a storage failure (a bug, left to the top-level handler).</summary>
    public static CliException? Describe(Exception failure, Uri endpoint, CliSettings settings)
    {
        var where = endpoint.GetLeftPart(UriPartial.Authority);
        var request = Find<RequestFailedException>(failure);
        if (request is { Status: 401 or 403 } && Uri.TryCreate(settings.Service.StorageConnection.Trim(), UriKind.Absolute, out _))
        {
            // Reached by URL: the token (not a key) was refused.
            return new CliException(ExitCodes.AccessDenied,
                $"storage at {where} refused the token ({request.Status} {request.ErrorCode}): it needs a data role on the account (Storage Blob Data Contributor).", failure);
        }

        if (request is { Status: 401 or 403 })
        {
            return new CliException(ExitCodes.StorageFailed,
                $"storage at {where} refused access ({request.Status} {request.ErrorCode}): check the account key or SAS in {settings.ConnectionSource}.", failure);
        }

        if (request is { Status: > 0 })
        {
            return new CliException(ExitCodes.StorageFailed,
                $"storage at {where} answered {request.Status} {request.ErrorCode}: {FirstLine(request.Message)}", failure);
        }

        var reason = Find<SocketException>(failure)?.Message ?? Find<HttpRequestException>(failure)?.Message
            ?? (Find<TaskCanceledException>(failure) is not null || Find<TimeoutException>(failure) is not null ? $"no answer within {NetworkTimeout.TotalSeconds:0} s" : null);
        return reason is null && request is null
            ? null
            : new CliException(ExitCodes.StorageUnreachable,
                $"storage at {where} did not answer ({FirstLine(reason ?? request!.Message)}; connection from {settings.ConnectionSource}). " +
                "Start it with 'dotnet run --project src/FhirTrials.Server' (starts Azurite on ports 10000-10002) or 'npx azurite --skipApiVersionCheck', or point --connection at running storage.",
                failure);
    }

    private static T Create<T>(CliSettings settings, Func<T> create)
    {
        try
        {
            return create();
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException)
        {
            throw new CliException(ExitCodes.Settings, $"the storage connection string from {settings.ConnectionSource} cannot be used: {FirstLine(e.Message)}", e);
        }
    }

    private static T Fast<T>(T options)
        where T : ClientOptions
    {
        options.Retry.MaxRetries = 1;
        options.Retry.Mode = RetryMode.Fixed;
        options.Retry.Delay = TimeSpan.FromMilliseconds(500);
        options.Retry.NetworkTimeout = NetworkTimeout;
        return options;
    }

    private static T? Find<T>(Exception? e)
        where T : Exception
    {
        while (e is not null)
        {
            if (e is T found)
            {
                return found;
            }

            e = e is AggregateException { InnerExceptions.Count: > 0 } all ? all.InnerExceptions[^1] : e.InnerException;
        }

        return null;
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();
}
