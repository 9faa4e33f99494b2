using System.Security.Cryptography;
using Azure;
using Azure.Storage.Blobs.Models;
using FhirTrials.Storage;

namespace FhirTrials.Api.Data;

/// <summary>
/// The HMAC key of continuation tokens: the configured one, or else one generated once and kept in storage (a blob
/// beside the payloads), so tokens stay valid across restarts and instances. Created with If-None-Match: *, so
/// instances starting together agree on one key.
/// </summary>
public sealed class ContinuationKeyStore(ApiSettings settings, TrialStorage storage)
{
    public const string BlobName = "api/continuation-key";
    private readonly byte[]? _configured = settings?.ContinuationKey;
    private Task<byte[]>? _stored;

    public Task<byte[]> GetAsync(CancellationToken cancellationToken)
    {
        if (_configured is not null)
        {
            return Task.FromResult(_configured);
        }

        // One load shared by concurrent callers; a failed one (storage away) is retried by the next request.
        var stored = _stored;
        if (stored is null || stored.IsFaulted || stored.IsCanceled)
        {
            stored = LoadOrCreateAsync(CancellationToken.None);
            _stored = stored;
        }

        return stored.WaitAsync(cancellationToken);
    }

    private async Task<byte[]> LoadOrCreateAsync(CancellationToken cancellationToken)
    {
        var blob = storage.Payloads.GetBlobClient(BlobName);
        try
        {
            return (await blob.DownloadContentAsync(cancellationToken).ConfigureAwait(false)).Value.Content.ToArray();
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Not created yet: create it below.
        }

        var key = RandomNumberGenerator.GetBytes(32);
        try
        {
            var options = new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } };
            await blob.UploadAsync(BinaryData.FromBytes(key), options, cancellationToken).ConfigureAwait(false);
            return key;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            // Another instance created it first: use theirs.
            return (await blob.DownloadContentAsync(cancellationToken).ConfigureAwait(false)).Value.Content.ToArray();
        }
    }
}
