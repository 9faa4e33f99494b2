using System.IO.Hashing;

namespace FhirTrials.Storage.Archives;

/// <summary>
/// The inflating stream of one entry, counting the bytes it actually gives: past the entry's own declared size, the
/// per-entry limit, the compression ratio or the archive's unpacked budget it throws <see cref="ArchiveLimitException"/>,
/// so a header that lies about its size stops at the lie, not at the end of the bomb. ZipArchive itself stops at the
/// declared size, silently: the CRC-32 of the bytes given, checked at the end, tells a cut-short entry from a whole one.
/// </summary>
internal sealed class CappedEntryStream(Stream inner, ArchiveEntry entry, ArchiveLimits limits, Func<long, bool> takeFromBudget) : Stream
{
    private readonly Crc32 _crc = new();
    private long _inflated;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _inflated;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer) => Count(buffer[..inner.Read(buffer)], atEnd: !buffer.IsEmpty);

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        return Count(buffer.Span[..read], atEnd: !buffer.IsEmpty);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await inner.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }

    /// <param name="atEnd">Whether nothing read means the end (a read into an empty buffer says nothing).</param>
    private int Count(ReadOnlySpan<byte> given, bool atEnd)
    {
        var read = given.Length;
        if (read == 0)
        {
            if (atEnd && _crc.GetCurrentHashAsUInt32() != entry.Crc32)
            {
                throw new ArchiveLimitException(ArchiveSkipKind.Unreadable,
                    $"its {ByteSize.Describe(_inflated)} do not match the checksum in its header: it is damaged, or its header lies about its size");
            }

            return 0;
        }

        _crc.Append(given);
        _inflated += read;
        if (_inflated > entry.DeclaredBytes)
        {
            throw new ArchiveLimitException(ArchiveSkipKind.TooLarge,
                $"it inflates past the {ByteSize.Describe(entry.DeclaredBytes)} its header declares: the header lies about its size");
        }

        if (_inflated > limits.MaxEntryBytes)
        {
            throw new ArchiveLimitException(ArchiveSkipKind.TooLarge,
                $"it inflates past the {ByteSize.Describe(limits.MaxEntryBytes)} limit per entry (setting {ArchiveLimits.MaxEntryBytesName})");
        }

        if (_inflated >= limits.RatioCheckedFromBytes && _inflated > (double)Math.Max(1, entry.CompressedBytes) * limits.MaxCompressionRatio)
        {
            throw new ArchiveLimitException(ArchiveSkipKind.CompressionRatio,
                $"it inflates to {ArchiveEntryRules.Ratio(_inflated, entry.CompressedBytes)}, over the {limits.MaxCompressionRatio}:1 limit (setting {ArchiveLimits.MaxCompressionRatioName}): a zip bomb");
        }

        if (!takeFromBudget(read))
        {
            throw new ArchiveLimitException(ArchiveSkipKind.UnpackedLimit,
                $"the archive's entries have inflated past the {ByteSize.Describe(limits.MaxUnpackedBytes)} limit (setting {ArchiveLimits.MaxUnpackedBytesName})");
        }

        return read;
    }
}
