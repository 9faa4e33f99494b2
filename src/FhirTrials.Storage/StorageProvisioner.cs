namespace FhirTrials.Storage;

/// <summary>Creates the tables and containers FhirTrials needs; both hosts call it at start (creating is idempotent).</summary>
public static class StorageProvisioner
{
    /// <param name="containers">Further containers the host uses, e.g. the incoming and poison containers.</param>
    public static async Task EnsureCreatedAsync(TrialStorage storage, IEnumerable<string> containers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(containers);
        foreach (var table in storage.Names.AllTables)
        {
            await storage.TableService.CreateTableIfNotExistsAsync(table, cancellationToken).ConfigureAwait(false);
        }

        foreach (var container in containers.Append(storage.Names.PayloadContainer).Distinct(StringComparer.Ordinal))
        {
            await storage.BlobService.GetBlobContainerClient(container).CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }
}
