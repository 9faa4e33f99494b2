using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace FhirTrials.Storage.Archives;

/// <summary>
/// A seekable, read-only view of one blob version, fetched in aligned blocks by range requests conditioned on the
/// version's ETag (a blob replaced while it is read fails with 412 instead of mixing two versions). ZipArchive seeks to
/// the end for the central directory and then to each entry: aligned blocks mean the directory of a small archive
/// and the entries after one another cost one request per block, never the whole blob.
/// </summary>
public sealed class BlobRangeStream : ReadOnlySeekableStream
{
    // The block read last and the one before: the directory scan and an entry straddling a boundary both step back.
    private readonly ReadOnlyMemory<byte>[] _blocks = new ReadOnlyMemory<byte>[2];
    private readonly long[] _blockStarts = [-1, -1];
    private readonly BlobClient _blob;
    private readonly BlobRequestConditions _conditions;
    private readonly int _blockBytes;
    private int _newest;

    public BlobRangeStream(BlobClient blob, ETag version, long length, int blockBytes)
    {
        _blob = blob ?? throw new ArgumentNullException(nameof(blob));
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfLessThan(blockBytes, 4096);
        _conditions = new BlobRequestConditions { IfMatch = version };
        _blockBytes = blockBytes;
        Length = length;
    }

    /// <summary>Range requests made so far.</summary>
    public int Requests { get; private set; }

    /// <summary>Bytes downloaded so far.</summary>
    public long BytesDownloaded { get; private set; }

    public override long Length { get; }

    public override int Read(Span<byte> buffer)
    {
        if (Position >= Length || buffer.IsEmpty)
        {
            return 0;
        }

        var (block, start) = Cached(BlockStart(Position)) ?? Store(BlockStart(Position), Fetch(BlockStart(Position)));
        return CopyOut(block, start, buffer);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (Position >= Length || buffer.IsEmpty)
        {
            return 0;
        }

        var wanted = BlockStart(Position);
        var (block, start) = Cached(wanted) ?? Store(wanted, await FetchAsync(wanted, cancellationToken).ConfigureAwait(false));
        return CopyOut(block, start, buffer.Span);
    }

    /// <summary>
    /// Exactly [<paramref name="offset"/>, offset + <paramref name="count"/>) in one request, outside the block cache:
    /// a work item's own directory records, so it does not fetch a whole block around a few kilobytes.
    /// </summary>
    public async Task<ReadOnlyMemory<byte>> DownloadRangeAsync(long offset, int count, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(offset + count, Length);
        Requests++;
        var response = await _blob.DownloadContentAsync(
            new BlobDownloadOptions { Range = new HttpRange(offset, count), Conditions = _conditions }, cancellationToken).ConfigureAwait(false);
        var content = response.Value.Content.ToMemory();
        BytesDownloaded += content.Length;
        return content;
    }


    private long BlockStart(long position) => position / _blockBytes * _blockBytes;

    private int CopyOut(ReadOnlyMemory<byte> block, long blockStart, Span<byte> buffer)
    {
        var at = (int)(Position - blockStart);
        var count = Math.Min(buffer.Length, block.Length - at);
        block.Span.Slice(at, count).CopyTo(buffer);
        Position += count;
        return count;
    }

    private (ReadOnlyMemory<byte> Block, long Start)? Cached(long start)
    {
        for (var i = 0; i < _blocks.Length; i++)
        {
            if (_blockStarts[i] == start)
            {
                return (_blocks[i], start);
            }
        }

        return null;
    }

    private (ReadOnlyMemory<byte> Block, long Start) Store(long start, ReadOnlyMemory<byte> block)
    {
        _newest = 1 - _newest;
        _blocks[_newest] = block;
        _blockStarts[_newest] = start;
        return (block, start);
    }

    private HttpRange RangeAt(long start) => new(start, Math.Min(_blockBytes, Length - start));

    private ReadOnlyMemory<byte> Fetch(long start)
    {
        Requests++;
        var content = _blob.DownloadContent(new BlobDownloadOptions { Range = RangeAt(start), Conditions = _conditions }).Value.Content.ToMemory();
        BytesDownloaded += content.Length;
        return content;
    }

    private async Task<ReadOnlyMemory<byte>> FetchAsync(long start, CancellationToken cancellationToken)
    {
        Requests++;
        var response = await _blob.DownloadContentAsync(
            new BlobDownloadOptions { Range = RangeAt(start), Conditions = _conditions }, cancellationToken).ConfigureAwait(false);
        var content = response.Value.Content.ToMemory();
        BytesDownloaded += content.Length;
        return content;
    }
}
