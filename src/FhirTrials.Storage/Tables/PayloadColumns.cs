using Azure.Data.Tables;
using Azure.Storage.Blobs;

namespace FhirTrials.Storage.Tables;

/// <summary>
/// Stores a byte payload (resource JSON, record JSON) in an entity as binary properties of at most 64 KiB each,
/// <c>{name}0</c>..<c>{name}N</c> with the count in <c>{name}Chunks</c>. When the entity would pass 1 MiB the payload
/// goes to a blob instead and <c>{name}Blob</c> names it. Readers only ever call <see cref="ReadAsync"/>.
/// </summary>
public static class PayloadColumns
{
    public const int ChunkBytes = TableLimits.MaxPropertyBytes;

    // Room left for keys and the small properties written after the payload.
    private const int Headroom = 16 * 1024;

    /// <param name="blobName">Where the payload goes if it does not fit; written (overwriting) only in that case.</param>
    public static async Task AttachAsync(
        TableEntity entity, string name, ReadOnlyMemory<byte> payload, BlobContainerClient overflow, string blobName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entity);
        ArgumentNullException.ThrowIfNull(overflow);
        var chunks = (payload.Length + ChunkBytes - 1) / ChunkBytes;
        var current = TableLimits.EntitySize(entity, TableLimits.UserProperties(entity));
        var inline = chunks * (8 + (2 * (name.Length + 3)) + 4L) + payload.Length;
        if (current + inline + Headroom <= TableLimits.MaxEntityBytes && chunks + entity.Count + 1 < TableLimits.MaxUserProperties)
        {
            for (var i = 0; i < chunks; i++)
            {
                var start = i * ChunkBytes;
                entity[name + i.ToString(System.Globalization.CultureInfo.InvariantCulture)] =
                    payload.Slice(start, Math.Min(ChunkBytes, payload.Length - start)).ToArray();
            }

            entity[name + "Chunks"] = chunks;
            return;
        }

        await overflow.GetBlobClient(blobName).UploadAsync(new BinaryData(payload), overwrite: true, cancellationToken).ConfigureAwait(false);
        entity[name + "Blob"] = blobName;
    }

    public static async Task<byte[]> ReadAsync(TableEntity entity, string name, BlobContainerClient overflow, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entity);
        ArgumentNullException.ThrowIfNull(overflow);
        if (entity.GetString(name + "Blob") is { } blobName)
        {
            var content = await overflow.GetBlobClient(blobName).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return content.Value.Content.ToArray();
        }

        var chunks = entity.GetInt32(name + "Chunks")
            ?? throw new InvalidDataException($"Entity ({entity.PartitionKey}, {entity.RowKey}) has no {name} payload.");
        using var buffer = new MemoryStream();
        for (var i = 0; i < chunks; i++)
        {
            var chunk = entity.GetBinary(name + i.ToString(System.Globalization.CultureInfo.InvariantCulture))
                ?? throw new InvalidDataException($"Entity ({entity.PartitionKey}, {entity.RowKey}) lacks chunk {i} of {chunks} of {name}.");
            buffer.Write(chunk);
        }

        return buffer.ToArray();
    }
}
