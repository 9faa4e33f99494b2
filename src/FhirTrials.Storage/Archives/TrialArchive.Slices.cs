using System.Buffers.Binary;
using System.IO.Compression;
using Azure;
using Azure.Storage.Blobs;

namespace FhirTrials.Storage.Archives;

/// <summary>
/// Sharing an archive out among work items without each reading the whole central directory: the splitter, which has
/// the whole archive open once, walks the directory records and gives each item the byte range of its own
/// (<see cref="SliceDirectoryAsync"/>); the item opens only that range (<see cref="OpenSliceAsync"/>).
/// </summary>
public sealed partial class TrialArchive
{
    private const uint DirectoryRecordSignature = 0x02014b50;
    private const int DirectoryRecordBytes = 46;

    /// <summary>
    /// The directory ranges of entries [0, k), [k, 2k)...: one walk over the records (a 46-byte header each, the rest
    /// skipped), whose count and end must agree with what ZipArchive parsed. Whole-archive findings an item cannot
    /// make from its slice (names shared across slices) travel with each slice.
    /// </summary>
    public async Task<IReadOnlyList<DirectorySlice>> SliceDirectoryAsync(int entriesPerSlice, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(entriesPerSlice, 1);
        if (_zip is null || _end is null || FirstIndex != 0)
        {
            throw new InvalidOperationException("Only a whole archive that was opened can be sliced.");
        }

        var total = TotalEntries;
        var starts = new long[((total + entriesPerSlice - 1) / entriesPerSlice) + 1];
        var header = new byte[DirectoryRecordBytes];
        var at = _end.DirectoryOffset;
        for (var index = 0; index < total; index++)
        {
            if (index % entriesPerSlice == 0)
            {
                starts[index / entriesPerSlice] = at;
            }

            _stream.Position = at;
            await _stream.ReadExactlyAsync(header, cancellationToken).ConfigureAwait(false);
            if (BinaryPrimitives.ReadUInt32LittleEndian(header) != DirectoryRecordSignature)
            {
                throw new InvalidDataException($"The ZIP archive's directory record {index:N0} is not where the one before it ends.");
            }

            at += DirectoryRecordBytes + BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(28))
                + BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(30)) + BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(32));
        }

        starts[^1] = at;
        var duplicates = _skipped.Where(s => s.Kind == ArchiveSkipKind.DuplicateName).ToLookup(s => s.Index / entriesPerSlice, s => s.Index);
        return [.. Enumerable.Range(0, starts.Length - 1).Select(i =>
            new DirectorySlice(starts[i], starts[i + 1], duplicates.Contains(i) ? [.. duplicates[i]] : null))];
    }

    /// <summary>
    /// Entries [<paramref name="from"/>, <paramref name="to"/>) of one blob version, from the directory records the
    /// splitter found for them: ZipArchive parses those records only (one exact range request, with a few KiB before them), and each entry is
    /// checked by name and header as in a whole archive. Their <see cref="ArchiveEntry.Index"/> is their archive index.
    /// </summary>
    public static async Task<TrialArchive> OpenSliceAsync(
        BlobClient blob, ETag version, long length, DirectorySlice slice, int from, int to, ArchiveLimits limits, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(blob);
        ArgumentNullException.ThrowIfNull(slice);
        ArgumentNullException.ThrowIfNull(limits);
        var stream = new BlobRangeStream(blob, version, length, limits.ReadBlockBytes);
        var entries = to - from;
        if (from < 0 || entries < 1 || entries > limits.MaxEntries || slice.Offset < 0 || slice.Bytes < (long)entries * DirectoryRecordBytes
            || slice.End > length || slice.Bytes > Math.Min(limits.MaxCentralDirectoryBytes, Array.MaxLength - DirectorySliceStream.Lead))
        {
            return new TrialArchive(stream, null, limits,
                $"The work item's directory range [{slice.Offset:N0}, {slice.End:N0}) for entries {from:N0} to {to - 1:N0} does not fit the {length:N0}-byte archive; it was not opened.");
        }

        var windowStart = Math.Max(0, slice.Offset - DirectorySliceStream.Lead);
        var window = await stream.DownloadRangeAsync(windowStart, (int)(slice.End - windowStart), cancellationToken).ConfigureAwait(false);
        var view = new DirectorySliceStream(stream, windowStart, window, slice.Offset, entries);
        ZipArchive zip;
        try
        {
            zip = await ZipArchive.CreateAsync(view, ZipArchiveMode.Read, leaveOpen: true, entryNameEncoding: null, cancellationToken).ConfigureAwait(false);
            if (zip.Entries.Count != entries)
            {
                throw new InvalidDataException($"{zip.Entries.Count:N0} records where {entries:N0} were expected");
            }
        }
        catch (InvalidDataException e)
        {
            return new TrialArchive(stream, null, limits, $"The ZIP archive's directory records for entries {from:N0} to {to - 1:N0} cannot be read: {e.Message}");
        }

        var archive = new TrialArchive(stream, zip, limits, null, firstIndex: from);
        archive.CheckEntries(slice.Duplicates);
        return archive;
    }
}
