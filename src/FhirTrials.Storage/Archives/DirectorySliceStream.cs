using System.Buffers.Binary;

namespace FhirTrials.Storage.Archives;

/// <summary>
/// A ZIP that is one slice of another's central directory: the blob's bytes [0, slice offset) as they are (read lazily
/// by range, so local header offsets stay valid), then the slice's directory records, then a synthesized end of central
/// directory (ZIP64 when offsets, sizes or counts need it) pointing at those records. The records come with up to
/// <see cref="Lead"/> bytes before them in one exact range request: ZipArchive looks for the end record with a
/// backward scan of that size, which would otherwise fetch a whole block of the blob for a slice of a few records. ZipArchive parses this as an archive of the slice's entries only, with every check it makes on a
/// whole archive.
/// </summary>
internal sealed class DirectorySliceStream : ReadOnlySeekableStream
{
    private const int Zip64EndBytes = 56;
    private const int Zip64LocatorBytes = 20;
    private const int EndBytes = 22;

    private readonly Stream _blob;
    private readonly long _windowStart;
    private readonly ReadOnlyMemory<byte> _window;
    private readonly byte[] _trailer;

    /// <param name="blob">The whole blob, seekable (a <see cref="BlobRangeStream"/>); only bytes before the records are read from it.</param>
    /// <param name="window">The blob's bytes from <paramref name="windowStart"/> to the end of the slice's records.</param>
    /// <param name="directoryOffset">Where the slice's first record starts, at most <see cref="Lead"/> past <paramref name="windowStart"/>.</param>
    /// <param name="forceZip64">End with ZIP64 records even when the figures fit the classic ones (tests reach that path with small archives).</param>
    public DirectorySliceStream(Stream blob, long windowStart, ReadOnlyMemory<byte> window, long directoryOffset, int entries, bool forceZip64 = false)
    {
        _blob = blob ?? throw new ArgumentNullException(nameof(blob));
        ArgumentOutOfRangeException.ThrowIfNegative(windowStart);
        ArgumentOutOfRangeException.ThrowIfLessThan(directoryOffset, windowStart);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(directoryOffset, windowStart + window.Length);
        _windowStart = windowStart;
        _window = window;
        var recordsEnd = windowStart + window.Length;
        _trailer = Trailer(directoryOffset, recordsEnd - directoryOffset, entries, forceZip64);
        Length = recordsEnd + _trailer.Length;
    }

    /// <summary>Bytes to fetch before a slice's records, so ZipArchive's backward scan for the end record stays in memory.</summary>
    public static int Lead => 4096;

    public override long Length { get; }

    /// <summary>The end records of an archive whose directory is <paramref name="size"/> bytes of <paramref name="entries"/> records at <paramref name="offset"/>.</summary>
    internal static byte[] Trailer(long offset, long size, long entries, bool forceZip64 = false)
    {
        var zip64 = forceZip64 || entries >= ushort.MaxValue || size >= uint.MaxValue || offset >= uint.MaxValue;
        var trailer = new byte[(zip64 ? Zip64EndBytes + Zip64LocatorBytes : 0) + EndBytes];
        var span = trailer.AsSpan();
        if (zip64)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(span, 0x06064b50);
            BinaryPrimitives.WriteUInt64LittleEndian(span[4..], Zip64EndBytes - 12);
            BinaryPrimitives.WriteUInt16LittleEndian(span[12..], 45);
            BinaryPrimitives.WriteUInt16LittleEndian(span[14..], 45);
            BinaryPrimitives.WriteUInt64LittleEndian(span[24..], (ulong)entries);
            BinaryPrimitives.WriteUInt64LittleEndian(span[32..], (ulong)entries);
            BinaryPrimitives.WriteUInt64LittleEndian(span[40..], (ulong)size);
            BinaryPrimitives.WriteUInt64LittleEndian(span[48..], (ulong)offset);
            var locator = span[Zip64EndBytes..];
            BinaryPrimitives.WriteUInt32LittleEndian(locator, 0x07064b50);
            BinaryPrimitives.WriteUInt64LittleEndian(locator[8..], (ulong)(offset + size));
            BinaryPrimitives.WriteUInt32LittleEndian(locator[16..], 1);
            span = span[(Zip64EndBytes + Zip64LocatorBytes)..];
        }

        BinaryPrimitives.WriteUInt32LittleEndian(span, 0x06054b50);
        BinaryPrimitives.WriteUInt16LittleEndian(span[8..], zip64 ? ushort.MaxValue : (ushort)entries);
        BinaryPrimitives.WriteUInt16LittleEndian(span[10..], zip64 ? ushort.MaxValue : (ushort)entries);
        BinaryPrimitives.WriteUInt32LittleEndian(span[12..], zip64 ? uint.MaxValue : (uint)size);
        BinaryPrimitives.WriteUInt32LittleEndian(span[16..], zip64 ? uint.MaxValue : (uint)offset);
        return trailer;
    }

    public override int Read(Span<byte> buffer)
    {
        if (Position < _windowStart && !buffer.IsEmpty)
        {
            _blob.Position = Position;
            var read = _blob.Read(buffer[..(int)Math.Min(buffer.Length, _windowStart - Position)]);
            Position += read;
            return read;
        }

        return ReadTail(buffer);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (Position < _windowStart && !buffer.IsEmpty)
        {
            _blob.Position = Position;
            var read = await _blob.ReadAsync(buffer[..(int)Math.Min(buffer.Length, _windowStart - Position)], cancellationToken).ConfigureAwait(false);
            Position += read;
            return read;
        }

        return ReadTail(buffer.Span);
    }

    /// <summary>The window (records and the bytes just before them) and the trailer, both in memory.</summary>
    private int ReadTail(Span<byte> buffer)
    {
        if (Position >= Length || buffer.IsEmpty)
        {
            return 0;
        }

        var at = Position - _windowStart;
        var source = at < _window.Length ? _window.Span[(int)at..] : _trailer.AsSpan((int)(at - _window.Length));
        var count = Math.Min(buffer.Length, source.Length);
        source[..count].CopyTo(buffer);
        Position += count;
        return count;
    }
}
