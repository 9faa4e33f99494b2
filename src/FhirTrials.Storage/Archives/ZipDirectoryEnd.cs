using System.Buffers.Binary;

namespace FhirTrials.Storage.Archives;

/// <summary>
/// What the end of a ZIP declares (entry count, central directory size and offset) read from its last bytes, ZIP64
/// included, so an archive claiming millions of entries is refused before ZipArchive builds an object for each of them,
/// and the directory can be walked record by record to share it out among work items.
/// </summary>
internal sealed record ZipDirectoryEnd(long Entries, long DirectoryBytes, long DirectoryOffset)
{
    private const int EndRecordBytes = 22;
    private const int MaxCommentBytes = 65535;
    private const uint EndSignature = 0x06054b50;
    private const uint Zip64LocatorSignature = 0x07064b50;
    private const uint Zip64EndSignature = 0x06064b50;

    /// <summary>The declared end of the archive, or null when the stream has no end-of-directory record (not a ZIP).</summary>
    public static async Task<ZipDirectoryEnd?> ReadAsync(Stream zip, CancellationToken cancellationToken)
    {
        var tailLength = (int)Math.Min(zip.Length, EndRecordBytes + MaxCommentBytes);
        if (tailLength < EndRecordBytes)
        {
            return null;
        }

        var tail = await ReadAtAsync(zip, zip.Length - tailLength, tailLength, cancellationToken).ConfigureAwait(false);
        for (var at = tailLength - EndRecordBytes; at >= 0; at--)
        {
            var record = tail.AsSpan(at);
            // The comment length must reach exactly to the end, or "PK\5\6" inside a comment would be taken for the record.
            if (BinaryPrimitives.ReadUInt32LittleEndian(record) != EndSignature
                || BinaryPrimitives.ReadUInt16LittleEndian(record[20..]) != record.Length - EndRecordBytes)
            {
                continue;
            }

            long entries = BinaryPrimitives.ReadUInt16LittleEndian(record[10..]);
            long size = BinaryPrimitives.ReadUInt32LittleEndian(record[12..]);
            long offset = BinaryPrimitives.ReadUInt32LittleEndian(record[16..]);
            var isZip64 = entries == ushort.MaxValue || size == uint.MaxValue || offset == uint.MaxValue;
            if (isZip64 && at >= 20 && BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(at - 20)) == Zip64LocatorSignature)
            {
                var zip64At = (long)BinaryPrimitives.ReadUInt64LittleEndian(tail.AsSpan(at - 20 + 8));
                if (zip64At < 0 || zip64At > zip.Length - 56)
                {
                    return null;
                }

                var zip64 = await ReadAtAsync(zip, zip64At, 56, cancellationToken).ConfigureAwait(false);
                if (BinaryPrimitives.ReadUInt32LittleEndian(zip64) != Zip64EndSignature)
                {
                    return null;
                }

                entries = (long)Math.Min(BinaryPrimitives.ReadUInt64LittleEndian(zip64.AsSpan(32)), long.MaxValue);
                size = (long)Math.Min(BinaryPrimitives.ReadUInt64LittleEndian(zip64.AsSpan(40)), long.MaxValue);
                offset = (long)Math.Min(BinaryPrimitives.ReadUInt64LittleEndian(zip64.AsSpan(48)), long.MaxValue);
            }

            return new ZipDirectoryEnd(entries, size, offset);
        }

        return null;
    }

    private static async Task<byte[]> ReadAtAsync(Stream zip, long offset, int count, CancellationToken cancellationToken)
    {
        var bytes = new byte[count];
        zip.Position = offset;
        await zip.ReadExactlyAsync(bytes, cancellationToken).ConfigureAwait(false);
        return bytes;
    }
}
