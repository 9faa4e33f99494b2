using System.IO.Compression;
using Azure;
using Azure.Storage.Blobs;

namespace FhirTrials.Storage.Archives;

/// <summary>
/// A ZIP of trial documents, read from storage where it lies: its central directory with a few range requests, then
/// each entry's bytes by range as it is opened, never the whole blob in memory or on disk. On open every entry is
/// checked by name and header (<see cref="Entries"/> accepted, <see cref="Skipped"/> set aside with a reason); entries
/// are inflated one at a time through <see cref="OpenEntryAsync"/>, which counts the bytes actually inflated.
/// Reading entries [from, to) costs the directory and those entries' bytes only, so work can be sliced by index; a
/// work item opens only its own part of the directory (<see cref="OpenSliceAsync"/>, TrialArchive.Slices.cs).
/// </summary>
/// <remarks>One reader at a time: entries share the underlying stream, so read one entry to its end before the next.</remarks>
public sealed partial class TrialArchive : IAsyncDisposable
{
    private readonly BlobRangeStream _stream;
    private readonly ZipArchive? _zip;
    private readonly ArchiveLimits _limits;
    private readonly List<ArchiveSkip> _skipped = [];
    private readonly ZipDirectoryEnd? _end;
    private long _unpacked;

    private TrialArchive(BlobRangeStream stream, ZipArchive? zip, ArchiveLimits limits, string? refusal, ZipDirectoryEnd? end = null, int firstIndex = 0)
    {
        _stream = stream;
        _zip = zip;
        _limits = limits;
        Refusal = refusal;
        _end = end;
        FirstIndex = firstIndex;
    }

    /// <summary>Why the whole archive is refused (not a ZIP, too many entries, too large), or null.</summary>
    public string? Refusal { get; }

    /// <summary>Entries in the central directory read (a slice's only, for <see cref="OpenSliceAsync"/>), folders included.</summary>
    public int TotalEntries => _zip?.Entries.Count ?? 0;

    /// <summary>The archive index of the first entry read: 0, or a slice's first entry.</summary>
    public int FirstIndex { get; }

    /// <summary>One past the archive index of the last entry read.</summary>
    public int EndIndex => FirstIndex + TotalEntries;

    /// <summary>Entries that passed the name and header checks, in archive order (their <see cref="ArchiveEntry.Index"/> ascending).</summary>
    public IReadOnlyList<ArchiveEntry> Entries { get; private set; } = [];

    /// <summary>
    /// Every entry set aside on open, with its reason, in archive order. A real download has a handful (its folders and
    /// Contents.txt); a hostile one at most <see cref="ArchiveLimits.MaxEntries"/>, as many as ZipArchive holds anyway.
    /// </summary>
    public IReadOnlyList<ArchiveSkip> Skipped => _skipped;

    /// <summary>Range requests made on the blob so far.</summary>
    public int Requests => _stream.Requests;

    /// <summary>Bytes of the blob downloaded so far.</summary>
    public long BytesDownloaded => _stream.BytesDownloaded;

    /// <summary>Unpacked bytes given out so far, counted as inflated.</summary>
    public long UnpackedBytes => Interlocked.Read(ref _unpacked);

    /// <summary>Opens one blob version (ETag) as an archive; the blob is never read whole.</summary>
    /// <param name="length">The blob's size, from the properties already fetched with <paramref name="version"/>.</param>
    public static async Task<TrialArchive> OpenAsync(BlobClient blob, ETag version, long length, ArchiveLimits limits, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(blob);
        ArgumentNullException.ThrowIfNull(limits);
        var stream = new BlobRangeStream(blob, version, length, limits.ReadBlockBytes);
        if (length > limits.MaxArchiveBytes)
        {
            return new TrialArchive(stream, null, limits,
                $"The ZIP archive is {ByteSize.Describe(length)}, over the {ByteSize.Describe(limits.MaxArchiveBytes)} limit (setting {ArchiveLimits.MaxArchiveBytesName}); it was not opened.");
        }

        var end = await ZipDirectoryEnd.ReadAsync(stream, cancellationToken).ConfigureAwait(false);
        if (Refuse(end, limits) is { } refusal)
        {
            return new TrialArchive(stream, null, limits, refusal);
        }

        stream.Position = 0;
        ZipArchive zip;
        try
        {
            zip = await ZipArchive.CreateAsync(stream, ZipArchiveMode.Read, leaveOpen: true, entryNameEncoding: null, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidDataException e)
        {
            return new TrialArchive(stream, null, limits, $"The ZIP archive is damaged and cannot be read: {e.Message}");
        }

        var archive = new TrialArchive(stream, zip, limits, null, end);
        archive.CheckEntries(null);
        return archive;
    }

    /// <summary>The accepted entries whose archive index is in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public IEnumerable<ArchiveEntry> EntriesBetween(int from, int to)
    {
        var entries = Entries;
        var lo = 0;
        var hi = entries.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            (lo, hi) = entries[mid].Index < from ? (mid + 1, hi) : (lo, mid);
        }

        for (var i = lo; i < entries.Count && entries[i].Index < to; i++)
        {
            yield return entries[i];
        }
    }

    /// <summary>The entries set aside on open whose archive index is in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public IEnumerable<ArchiveSkip> SkippedBetween(int from, int to) => _skipped.Where(s => s.Index >= from && s.Index < to);

    /// <summary>
    /// A stream of the entry's unpacked bytes that throws <see cref="ArchiveLimitException"/> when a limit is reached
    /// and <see cref="InvalidDataException"/> when the entry is damaged (its CRC checked at the end).
    /// </summary>
    public async Task<Stream> OpenEntryAsync(ArchiveEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var zipEntry = _zip?.Entries[entry.Index - FirstIndex] ?? throw new InvalidOperationException("The archive was refused; it has no entries to open.");
        var inflating = await zipEntry.OpenAsync(cancellationToken).ConfigureAwait(false);
        return new CappedEntryStream(inflating, entry, _limits, TakeFromBudget);
    }

    /// <summary>The entry's unpacked bytes, read whole (an entry is at most <see cref="ArchiveLimits.MaxEntryBytes"/>).</summary>
    public async Task<MemoryStream> ReadEntryAsync(ArchiveEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var content = new MemoryStream((int)Math.Clamp(entry.DeclaredBytes, 0, _limits.MaxEntryBytes));
        await using (var inflating = await OpenEntryAsync(entry, cancellationToken).ConfigureAwait(false))
        {
            await inflating.CopyToAsync(content, cancellationToken).ConfigureAwait(false);
        }

        content.Position = 0;
        return content;
    }

    public async ValueTask DisposeAsync()
    {
        if (_zip is not null)
        {
            await _zip.DisposeAsync().ConfigureAwait(false);
        }

        await _stream.DisposeAsync().ConfigureAwait(false);
    }

    private static string? Refuse(ZipDirectoryEnd? end, ArchiveLimits limits)
    {
        if (end is null)
        {
            return "The file starts like a ZIP archive but has no central directory at its end: it is truncated or damaged.";
        }

        if (end.Entries > limits.MaxEntries)
        {
            return $"The ZIP archive declares {end.Entries:N0} entries, over the {limits.MaxEntries:N0} limit (setting {ArchiveLimits.MaxEntriesName}); it was not opened.";
        }

        return end.DirectoryBytes > limits.MaxCentralDirectoryBytes
            ? $"The ZIP archive's directory is {ByteSize.Describe(end.DirectoryBytes)}, more than {end.Entries:N0} entries need; it was not opened."
            : null;
    }

    /// <param name="knownDuplicates">
    /// For a slice, the archive indexes the splitter found sharing a name with an entry anywhere in the archive.
    /// </param>
    private void CheckEntries(IReadOnlyList<int>? knownDuplicates)
    {
        var elsewhere = knownDuplicates?.ToHashSet() ?? [];
        var zipEntries = _zip!.Entries;
        // Two entries of one name would mean different files to different tools: neither is trusted.
        var names = new Dictionary<string, int>(zipEntries.Count, StringComparer.OrdinalIgnoreCase);
        foreach (var zipEntry in zipEntries)
        {
            if (!ArchiveEntryRules.IsFolder(zipEntry))
            {
                names[zipEntry.FullName] = names.GetValueOrDefault(zipEntry.FullName) + 1;
            }
        }

        var accepted = new List<ArchiveEntry>(zipEntries.Count);
        for (var local = 0; local < zipEntries.Count; local++)
        {
            var zipEntry = zipEntries[local];
            var index = FirstIndex + local;
            var skip = ArchiveEntryRules.Check(zipEntry, index, _limits);
            if (skip is null && names.GetValueOrDefault(zipEntry.FullName) > 1)
            {
                skip = new ArchiveSkip(index, zipEntry.FullName, ArchiveSkipKind.DuplicateName,
                    $"{names[zipEntry.FullName]} entries have this name; which one is meant is ambiguous, so none is read");
            }
            else if (skip is null && elsewhere.Contains(index))
            {
                skip = new ArchiveSkip(index, zipEntry.FullName, ArchiveSkipKind.DuplicateName,
                    "other entries of the archive have this name; which one is meant is ambiguous, so none is read");
            }

            if (skip is null)
            {
                accepted.Add(new ArchiveEntry(index, zipEntry.FullName, zipEntry.CompressedLength, zipEntry.Length, zipEntry.Crc32));
            }
            else
            {
                _skipped.Add(skip);
            }
        }

        Entries = accepted;
    }

    private bool TakeFromBudget(long bytes) => Interlocked.Add(ref _unpacked, bytes) <= _limits.MaxUnpackedBytes;
}
