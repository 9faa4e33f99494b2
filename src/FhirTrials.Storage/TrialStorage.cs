using Azure.Data.Tables;
using Azure.Storage.Blobs;
using FhirTrials.Storage.Tables;

namespace FhirTrials.Storage;

/// <summary>The storage account clients and the table names every FhirTrials store works with.</summary>
public sealed class TrialStorage
{
    public TrialStorage(TableServiceClient tables, BlobServiceClient blobs, TableNames names)
    {
        TableService = tables ?? throw new ArgumentNullException(nameof(tables));
        BlobService = blobs ?? throw new ArgumentNullException(nameof(blobs));
        Names = names ?? throw new ArgumentNullException(nameof(names));
    }

    public TableServiceClient TableService { get; }
    public BlobServiceClient BlobService { get; }
    public TableNames Names { get; }

    public TableClient Resources => TableService.GetTableClient(Names.Resources);
    public TableClient History => TableService.GetTableClient(Names.History);
    public TableClient Index => TableService.GetTableClient(Names.Index);
    public TableClient Ingestions => TableService.GetTableClient(Names.Ingestions);
    public TableClient Sources => TableService.GetTableClient(Names.Sources);
    public TableClient Aliases => TableService.GetTableClient(Names.Aliases);
    public TableClient Receipts => TableService.GetTableClient(Names.Receipts);
    public TableClient Changes => TableService.GetTableClient(Names.Changes);
    public TableClient Exports => TableService.GetTableClient(Names.Exports);
    public BlobContainerClient ExportFiles => BlobService.GetBlobContainerClient(Names.ExportContainer);
    public BlobContainerClient Payloads => BlobService.GetBlobContainerClient(Names.PayloadContainer);

    /// <summary>From the hosts' settings: a connection string, or the service URIs and a managed identity.</summary>
    public static TrialStorage Connect(ServiceSettings settings, Azure.Core.TokenCredential? credential)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!settings.UsesIdentity)
        {
            return Connect(settings.StorageConnection, settings.TablePrefix);
        }

        ArgumentNullException.ThrowIfNull(credential);
        return new(new TableServiceClient(settings.TableServiceUri, credential),
            new BlobServiceClient(settings.BlobServiceUri, credential),
            new TableNames(settings.TablePrefix));
    }

    /// <param name="tableOptions">Client options, e.g. with a pipeline policy (tests inject faults and count requests this way).</param>
    public static TrialStorage Connect(
        string connectionString, string tablePrefix, TableClientOptions? tableOptions = null, BlobClientOptions? blobOptions = null) =>
        new(new TableServiceClient(connectionString, tableOptions ?? new TableClientOptions()),
            new BlobServiceClient(connectionString, blobOptions ?? new BlobClientOptions()),
            new TableNames(tablePrefix));
}
