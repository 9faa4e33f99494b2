using System.CommandLine;
using System.Security.Cryptography;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using FhirTrials.Cli.Failures;
using FhirTrials.Cli.Service;

namespace FhirTrials.Cli.Commands;

/// <summary>
/// <c>fhirtrials upload &lt;folder or files&gt;... [--force] [--connection CS] [--container NAME]</c>: puts trial
/// documents into the incoming container, where the service ingests them. Each file is first read as the service would
/// read it; files it would refuse are named with the reason and skipped (unless <c>--force</c>). A file whose content
/// is already there is left alone.
/// </summary>
internal static class UploadCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("path")
        {
            Description = "Files, or folders whose files (recursively) are uploaded with their relative path as blob name.",
            Arity = ArgumentArity.OneOrMore,
        };
        paths.Validators.Add(result =>
        {
            foreach (var missing in result.Tokens.Select(t => t.Value).Where(p => !File.Exists(p) && !Directory.Exists(p)))
            {
                result.AddError($"'{missing}' is neither a file nor a folder.");
            }
        });
        var force = new Option<bool>("--force")
        {
            Description = "Upload files the check refuses (empty, binary, no trial found) anyway; the service will log them as rejected.",
        };
        var storage = new StorageOptions();
        var tokens = new ServiceOptions();
        var command = new Command("upload", "Upload trial documents to the container the service ingests from, after checking each one as the service will; follow the ingestion with 'fhirtrials status'.")
        {
            paths, force, storage.Connection, storage.Container, tokens.Token, tokens.TokenScope,
        };
        command.SetAction((result, cancellationToken) => RunAsync(result.GetValue(paths)!, result.GetValue(force), storage.Load(result), cancellationToken, tokens.Load(result)));
        return command;
    }

    /// <param name="token">With a token or scope, storage is reached by its blob service URL with that token.</param>
    public static async Task<int> RunAsync(IReadOnlyList<string> inputs, bool force, CliSettings settings, CancellationToken cancellationToken, ServiceToken? token = null)
    {
        var files = inputs.SelectMany(Expand).ToList();
        var accepted = new List<(string Path, string BlobName)>();
        var skipped = 0;
        foreach (var file in files)
        {
            if (await UploadCheck.RefusalAsync(file.Path, cancellationToken).ConfigureAwait(false) is not { } reason)
            {
                accepted.Add(file);
            }
            else if (force)
            {
                await Console.Error.WriteLineAsync($"{file.Path}: uploading anyway (--force), though the service will refuse it: {reason}").ConfigureAwait(false);
                accepted.Add(file);
            }
            else
            {
                skipped++;
                await Console.Error.WriteLineAsync($"{file.Path}: skipped, the service would refuse it: {reason} (--force uploads it anyway)").ConfigureAwait(false);
            }
        }

        var container = token?.Credential() is { } credential ? CliStorage.Container(settings, credential) : CliStorage.Container(settings);
        if (accepted.Count > 0)
        {
            try
            {
                await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (CliStorage.Describe(e, container.Uri, settings) is { } failure)
            {
                throw new CliException(failure.ExitCode, $"cannot reach container '{settings.Service.IncomingContainer}': {failure.Message}", e);
            }
        }

        var progress = new ProgressBar(accepted.Count);
        int uploaded = 0, unchanged = 0;
        var failures = new List<string>();
        foreach (var (path, blobName) in accepted)
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
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                failures.Add($"{path}: cannot be read: {e.Message}");
            }
            catch (Exception e) when (CliStorage.Describe(e, container.Uri, settings) is { } failure)
            {
                if (failure.ExitCode == ExitCodes.StorageUnreachable)
                {
                    progress.Done();
                    throw new CliException(failure.ExitCode, $"stopped after {uploaded + unchanged} of {accepted.Count} file(s): {failure.Message}", e);
                }

                failures.Add($"{path}: {failure.Message}");
            }
        }

        progress.Done();
        Console.WriteLine($"{uploaded} uploaded, {unchanged} unchanged, {skipped} skipped, {failures.Count} failed -> container '{settings.Service.IncomingContainer}'");
        foreach (var failure in failures)
        {
            await Console.Error.WriteLineAsync("failed: " + failure).ConfigureAwait(false);
        }

        return failures.Count > 0 ? ExitCodes.StorageFailed : skipped > 0 ? ExitCodes.DocumentRefused : ExitCodes.Success;
    }

    private static IEnumerable<(string Path, string BlobName)> Expand(string input) =>
        Directory.Exists(input)
            ? Directory.EnumerateFiles(input, "*", SearchOption.AllDirectories)
                .Order(StringComparer.Ordinal)
                .Select(f => (f, Path.GetRelativePath(input, f).Replace('\\', '/')))
            : [(input, Path.GetFileName(input))];

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
