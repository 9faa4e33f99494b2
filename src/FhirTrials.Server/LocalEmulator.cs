using FhirTrials.Storage;
using FhirTrials.Storage.Emulator;

namespace FhirTrials.Server;

/// <summary>
/// Starts Azurite on its default ports (10000-10002, what <c>UseDevelopmentStorage=true</c> points at) when the host
/// is configured for development storage and nothing listens there yet. Data persists in <c>.azurite/</c> at the
/// repository root so a restart keeps what was ingested.
/// </summary>
internal static class LocalEmulator
{
    private const int BlobPort = 10000;
    private const int QueuePort = 10001;
    private const int TablePort = 10002;

    public static async Task<AzuriteProcess?> EnsureRunningAsync(ServiceSettings settings, ILogger logger, CancellationToken cancellationToken)
    {
        if (settings.UsesIdentity || !string.Equals(settings.StorageConnection, ServiceSettings.DevelopmentStorage, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (await AzuriteProcess.IsListeningAsync(BlobPort, cancellationToken).ConfigureAwait(false))
        {
            logger.LogInformation("Development storage already listening on port {Port}; using it.", BlobPort);
            return null;
        }

        var script = AzuriteProcess.FindAzuriteScript();
        var dataFolder = Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(script)))))!, ".azurite");
        logger.LogInformation("Starting Azurite on ports {Blob}-{Table}, data in {Folder}.", BlobPort, TablePort, dataFolder);
        return await AzuriteProcess.StartAsync(BlobPort, QueuePort, TablePort, dataFolder, cancellationToken).ConfigureAwait(false);
    }
}
