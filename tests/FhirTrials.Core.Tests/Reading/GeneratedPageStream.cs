using System.Globalization;
using System.Text;

namespace FhirTrials.Core.Tests.Reading;

/// <summary>
/// A seekable CT.gov search page of <c>count</c> studies made on the fly, so a test can feed a page far larger
/// than the memory it allows the reader. Every study has the same byte length; study i starts on line i + 2.
/// </summary>
internal sealed class GeneratedPageStream : Stream
{
    private static readonly byte[] Header = "{\"totalCount\":1,\"studies\":["u8.ToArray();
    private static readonly byte[] Footer = "\n],\"nextPageToken\":\"abc\"}"u8.ToArray();
    private readonly int _count;
    private readonly int _unit;
    private readonly string _padding;
    private long _position;

    public GeneratedPageStream(int count, int paddingLength = 2500)
    {
        _count = count;
        _padding = new string('x', paddingLength);
        _unit = Unit(0).Length;
    }

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => Header.Length + ((long)_count * _unit) + Footer.Length;

    public override long Position
    {
        get => _position;
        set => _position = value;
    }

    /// <summary>Byte offset just past study <paramref name="index"/>.</summary>
    public long EndOf(int index) => Header.Length + ((long)(index + 1) * _unit);

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
        if (position < Header.Length)
        {
            return (Header, (int)position);
        }

        var body = position - Header.Length;
        var index = body / _unit;
        return index < _count ? (Unit((int)index), (int)(body % _unit)) : (Footer, (int)(body - ((long)_count * _unit)));
    }

    private byte[] Unit(int index)
    {
        var id = index.ToString("D8", CultureInfo.InvariantCulture);
        return Encoding.UTF8.GetBytes(
            (index == 0 ? "\n " : ",\n")
            + "{\"protocolSection\":{\"identificationModule\":{\"nctId\":\"NCT" + id + "\",\"briefTitle\":\"Generated study " + id + "\"},"
            + "\"statusModule\":{\"overallStatus\":\"RECRUITING\"},\"descriptionModule\":{\"detailedDescription\":\"" + _padding + "\"},"
            + "\"eligibilityModule\":{\"eligibilityCriteria\":\"Inclusion Criteria:\\n* Adults\\nExclusion Criteria:\\n* Pregnancy\"}}}");
    }
}
