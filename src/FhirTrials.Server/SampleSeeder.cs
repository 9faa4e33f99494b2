using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace FhirTrials.Server;

/// <summary>
/// Uploads the repository's sample trials into the incoming container so a newcomer's first run shows data. The
/// samples are found above the app's base directory (as the Azurite script is); a deployed app has none and skips.
/// </summary>
internal static partial class SampleSeeder
{
    public static async Task<int> SeedAsync(BlobContainerClient incoming, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        if (FindSamplesFolder() is not { } folder)
        {
            return 0;
        }

        var uploaded = 0;
        foreach (var file in Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal))
        {
            try
            {
                // Only blobs that do not exist yet: an ops edit or an earlier seed is never overwritten.
                await incoming.GetBlobClient(Path.GetFileName(file)).UploadAsync(
                    file, new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } }, cancellationToken).ConfigureAwait(false);
                uploaded++;
            }
            catch (RequestFailedException e) when (e.Status == 409)
            {
                // Already there.
            }
        }

        LogSeeded(logger, uploaded, folder, incoming.Name);
        return uploaded;
    }

    private static string? FindSamplesFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var samples = Path.Combine(dir.FullName, "samples");
            if (File.Exists(Path.Combine(dir.FullName, "FhirTrials.sln")) && Directory.Exists(samples))
            {
                return samples;
            }
        }

        return null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Uploaded {Count} sample trial(s) from {Folder} into {Container}.")]
    private static partial void LogSeeded(ILogger logger, int count, string folder, string container);
}
