namespace FhirTrials.TestSupport.Hostile;

/// <summary>
/// A seekable stream of <c>header + unit(0) + … + unit(count - 1) + footer</c> made on the fly, every unit the same
/// length, so a test can upload a 100 MB document without ever holding more than one unit of it.
/// </summary>
public sealed class GeneratedStream : Stream
{
    private readonly byte[] _header;
    private readonly byte[] _footer;
    private readonly int _count;
    private readonly int _unitLength;
    private readonly Func<int, byte[]> _unit;
    private int _cachedIndex = -1;
    private byte[] _cached = [];
    private long _position;

    /// <param name="unit">The bytes of unit i; every unit must have the length of unit 0.</param>
    public GeneratedStream(byte[] header, int count, Func<int, byte[]> unit, byte[] footer)
    {
        ArgumentNullException.ThrowIfNull(unit);
        _header = header ?? throw new ArgumentNullException(nameof(header));
        _footer = footer ?? throw new ArgumentNullException(nameof(footer));
        _count = count;
        _unit = unit;
        _unitLength = count == 0 ? 0 : unit(0).Length;
    }

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => _header.Length + ((long)_count * _unitLength) + _footer.Length;

    /// <summary>Byte offset just past unit <paramref name="index"/>.</summary>
    public long EndOf(int index) => _header.Length + ((long)(index + 1) * _unitLength);

    public override long Position
    {
        get => _position;
        set => _position = value;
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var written = 0;
        while (written < count && _position < Length)
        {
            var (chunk, start) = ChunkAt(_position);
            var n = Math.Min(count - written, chunk.Length - start);
            Array.Copy(chunk, start, buffer, offset + written, n);
            written += n;
            _position += n;
        }

        return written;
    }

    public override long Seek(long offset, SeekOrigin origin) => _position = origin switch
    {
        SeekOrigin.Begin => offset,
        SeekOrigin.Current => _position + offset,
        _ => Length + offset,
    };

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private (byte[] Chunk, int Start) ChunkAt(long position)
    {
        if (position < _header.Length)
        {
            return (_header, (int)position);
        }

        var body = position - _header.Length;
        var index = body / Math.Max(1, _unitLength);
        if (_unitLength > 0 && index < _count)
        {
            return (UnitAt((int)index), (int)(body % _unitLength));
        }

        return (_footer, (int)(body - ((long)_count * _unitLength)));
    }

    private byte[] UnitAt(int index)
    {
        if (index != _cachedIndex)
        {
            _cached = _unit(index);
            if (_cached.Length != _unitLength)
            {
                throw new InvalidOperationException($"Unit {index} is {_cached.Length} bytes; every unit must be {_unitLength}.");
            }

            _cachedIndex = index;
        }

        return _cached;
    }
}
