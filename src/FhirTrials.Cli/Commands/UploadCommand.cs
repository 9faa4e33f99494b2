using System.Security.Cryptography;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace FhirTrials.Cli.Commands;

/// <summary>
/// <c>fhirtrials upload &lt;folder or files&gt;... [--connection CS] [--container NAME]</c>: puts trial documents into
/// the incoming container, where the service ingests them. A file whose content is already there is skipped.
/// </summary>
internal static class UploadCommand
{
    public const string Usage = "fhirtrials upload <folder or files>... [--connection <storage connection string>] [--container <name>]";

    public static async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var line = CommandLine.Parse(args, new HashSet<string> { "connection", "container" });
        if (line.Positional.Count == 0)
        {
            await Console.Error.WriteLineAsync("usage: " + Usage).ConfigureAwait(false);
            return 2;
        }

        var files = new List<(string Path, string BlobName)>();
        foreach (var input in line.Positional)
        {
            if (Directory.Exists(input))
            {
                files.AddRange(Directory.EnumerateFiles(input, "*", SearchOption.AllDirectories)
                    .Order(StringComparer.Ordinal)
                    .Select(f => (f, Path.GetRelativePath(input, f).Replace('\\', '/'))));
            }
            else if (File.Exists(input))
            {
                files.Add((input, Path.GetFileName(input)));
            }
            else
            {
                await Console.Error.WriteLineAsync($"fhirtrials upload: '{input}' is neither a file nor a folder.").ConfigureAwait(false);
                return 2;
            }
        }

        var settings = CliSettings.Load(line.Flags);
        var container = new BlobContainerClient(settings.StorageConnection, settings.IncomingContainer);
        try
        {
            await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is RequestFailedException or AggregateException or HttpRequestException)
        {
            await Console.Error.WriteLineAsync($"fhirtrials upload: cannot reach container '{settings.IncomingContainer}': {e.Message}").ConfigureAwait(false);
            return 1;
        }

        var progress = new ProgressBar(files.Count);
        int uploaded = 0, unchanged = 0;
        var failures = new List<string>();
        foreach (var (path, blobName) in files)
        {
            progress.Show(blobName);
            try
            {
                if (await UploadAsync(container.GetBlobClient(blobName), path, cancellationToken).ConfigureAwait(false))
                {
                    uploaded++;
                }
                else
                {
                    unchanged++;
                }
            }
            catch (Exception e) when (e is RequestFailedException or IOException or UnauthorizedAccessException)
            {
                failures.Add($"{path}: {e.Message.Split('\n')[0]}");
            }
        }

        progress.Done();
        Console.WriteLine($"{uploaded} uploaded, {unchanged} unchanged, {failures.Count} failed -> container '{settings.IncomingContainer}'");
        foreach (var failure in failures)
        {
            await Console.Error.WriteLineAsync("failed: " + failure).ConfigureAwait(false);
        }

        return failures.Count == 0 ? 0 : 1;
    }

    /// <returns>False when the blob already holds exactly this content (same MD5), so nothing is re-ingested.</returns>
    private static async Task<bool> UploadAsync(BlobClient blob, string path, CancellationToken cancellationToken)
    {
        var content = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
#pragma warning disable CA5351 // MD5 is what Blob Storage computes for Content-MD5; it is a change check, not security.
        var md5 = MD5.HashData(content);
#pragma warning restore CA5351
        try
        {
            var existing = await blob.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            if (existing.Value.ContentHash is { } hash && hash.AsSpan().SequenceEqual(md5))
            {
                return false;
            }
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Not there yet: upload it.
        }

        await blob.UploadAsync(BinaryData.FromBytes(content), new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentHash = md5 },
        }, cancellationToken).ConfigureAwait(false);
        return true;
    }
}
