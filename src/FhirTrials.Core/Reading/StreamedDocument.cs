using System.Buffers;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using FhirTrials.Core.Reading.ClinicalTrialsGov;
using FhirTrials.Core.Records;

namespace FhirTrials.Core.Reading;

/// <summary>
/// A document being read from a stream. Its hash and format are known on open; its records arrive one at a time
/// from <see cref="ReadRecordsAsync"/>, after which <see cref="Warnings"/> and <see cref="RejectionReason"/> are
/// final (a JSON page that breaks off after some studies keeps them and says so in a warning).
/// </summary>
public sealed class StreamedDocument : IAsyncDisposable
{
    private const int HeadBytes = TrialDocumentReader.HeadBytes;

    // Smaller JSON is read whole, where encoding repairs (UTF-16, stray NULs) are possible.
    private const int StreamFromBytes = 1024 * 1024;

    private readonly List<ReadWarning> _warnings = [];
    private readonly Stream? _json;
    private readonly bool _ownsStream;
    private readonly ReaderLimits _limits;
    private readonly IReadOnlyList<TrialRecord> _inMemory = [];
    private bool _consumed;

    private StreamedDocument(string documentName, string? contentHash, DocumentFormat? format, ReaderLimits limits)
    {
        DocumentName = documentName;
        ContentHash = contentHash;
        Format = format;
        _limits = limits;
    }

    private StreamedDocument(DocumentReadResult result, ReaderLimits limits)
        : this(result.DocumentName, result.ContentHash, result.Format, limits)
    {
        Layout = result.Layout;
        RejectionReason = result.RejectionReason;
        _warnings.AddRange(result.Warnings);
        _inMemory = result.Records;
    }

    private StreamedDocument(string documentName, string contentHash, Stream json, bool ownsStream, ReaderLimits limits)
        : this(documentName, contentHash, DocumentFormat.ClinicalTrialsGovJson, limits)
    {
        _json = json;
        _ownsStream = ownsStream;
        Layout = CtGovJsonDocumentReader.StudyLayout;
    }

    public string DocumentName { get; }

    /// <summary>SHA-256 of the bytes, lower-case hex; null when the document was refused from its size and first bytes.</summary>
    public string? ContentHash { get; }

    public DocumentFormat? Format { get; }

    /// <summary>The recognised layout; for JSON it is final once the first record has arrived.</summary>
    public string? Layout { get; private set; }

    public string? RejectionReason { get; private set; }

    public bool IsRejected => RejectionReason is not null;

    /// <summary>The file is a ZIP archive: not one document but many, for the ingestion to open entry by entry.</summary>
    public bool IsArchive => RejectionReason == TrialDocumentReader.ArchiveRefusal;

    public IReadOnlyList<ReadWarning> Warnings => _warnings;

    /// <summary>How many records have been yielded so far.</summary>
    public int RecordCount { get; private set; }

    internal static async Task<StreamedDocument> OpenAsync(Stream content, string name, long? length, ReaderLimits limits, CancellationToken cancellationToken)
    {
        if (length > limits.MaxStreamedBytes)
        {
            return Refused(name, null, $"The file is {ReaderLimits.Megabytes(length.Value)}; documents are read up to {ReaderLimits.Megabytes(limits.MaxStreamedBytes)}.", limits);
        }

        if (!content.CanSeek && length is not null)
        {
            // A forward-only stream of known length: refuse from its first bytes before copying it anywhere.
            var first = new byte[(int)Math.Min(length.Value, HeadBytes)];
            var got = await content.ReadAtLeastAsync(first, first.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            if (TrialDocumentReader.Precheck(first.AsSpan(0, got), length.Value, limits) is { } early)
            {
                return Refused(name, null, early, limits);
            }

            content = new PrefixedStream(first.AsMemory(0, got), content);
        }

        var (source, owns) = content.CanSeek ? (content, false) : (await SpoolAsync(content, limits, cancellationToken).ConfigureAwait(false), true);
        if (source is null)
        {
            return Refused(name, null, $"The file is larger than {ReaderLimits.Megabytes(limits.MaxStreamedBytes)}; it was not read.", limits);
        }

        // Refusals that need only the size and the first bytes come before the document is read any further.
        var origin = source.Position;
        var total = source.Length - origin;
        var head = new byte[(int)Math.Min(total, HeadBytes)];
        await source.ReadExactlyAsync(head, cancellationToken).ConfigureAwait(false);
        if (TrialDocumentReader.Precheck(head, total, limits) is { } refusal)
        {
            await DisposeIfOwnedAsync(source, owns).ConfigureAwait(false);
            return Refused(name, null, refusal, limits);
        }

        source.Position = origin;
        var hash = await HashAsync(source, cancellationToken).ConfigureAwait(false);
        source.Position = origin;

        if (total > StreamFromBytes && TrialDocumentReader.IsUtf8Json(head))
        {
            return new StreamedDocument(name, hash, source, owns, limits);
        }

        var whole = new byte[total];
        await source.ReadExactlyAsync(whole, cancellationToken).ConfigureAwait(false);
        await DisposeIfOwnedAsync(source, owns).ConfigureAwait(false);
        return new StreamedDocument(TrialDocumentReader.Read(whole, name, limits), limits);
    }

    public async IAsyncEnumerable<TrialRecord> ReadRecordsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (_consumed)
        {
            throw new InvalidOperationException("The records of a streamed document can be read only once.");
        }

        _consumed = true;
        if (_json is null)
        {
            foreach (var record in _inMemory)
            {
                RecordCount++;
                yield return record;
            }

            yield break;
        }

        var reader = new CtGovJsonDocumentReader(DocumentName, ContentHash!, _limits);
        var buffer = ArrayPool<byte>.Shared.Rent(HeadBytes);
        try
        {
            var end = await FillAsync(buffer, 0, cancellationToken).ConfigureAwait(false);
            var endOfStream = end < buffer.Length;
            var start = Detection.TextDecoder.Utf8BomLength(buffer.AsSpan(0, end));

            while (!reader.Finished)
            {
                start += reader.Advance(buffer.AsMemory(start, end - start), endOfStream, out var record, out var needMore);
                Layout = reader.Layout;
                if (record is not null)
                {
                    RecordBounds.Apply(record);
                    RecordCount++;
                    yield return record;
                }

                if (needMore && !reader.Finished)
                {
                    // Keep the unread tail, grow when one value fills the buffer, and read until the buffer is full,
                    // so a large study is re-scanned a logarithmic number of times, not once per chunk.
                    var tail = end - start;
                    if (tail * 2 > buffer.Length)
                    {
                        var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                        Buffer.BlockCopy(buffer, start, larger, 0, tail);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = larger;
                    }
                    else
                    {
                        Buffer.BlockCopy(buffer, start, buffer, 0, tail);
                    }

                    (start, end) = (0, tail);
                    var read = await FillAsync(buffer, end, cancellationToken).ConfigureAwait(false);
                    end += read;
                    endOfStream = end < buffer.Length;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            _warnings.AddRange(reader.Warnings);
            RejectionReason = reader.RejectionReason;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_json is not null)
        {
            await DisposeIfOwnedAsync(_json, _ownsStream).ConfigureAwait(false);
        }
    }

    private static StreamedDocument Refused(string name, string? hash, string reason, ReaderLimits limits) =>
        new(name, hash, null, limits) { RejectionReason = reason };

    private async Task<int> FillAsync(byte[] buffer, int offset, CancellationToken cancellationToken)
    {
        var total = 0;
        while (offset + total < buffer.Length)
        {
            var read = await _json!.ReadAsync(buffer.AsMemory(offset + total), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return total;
    }

    private static async Task<string> HashAsync(Stream source, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            int read;
            while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                hash.AppendData(buffer, 0, read);
            }

            return Convert.ToHexStringLower(hash.GetHashAndReset());
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Copies a forward-only stream to a temporary file (deleted on close), so it can be hashed, then read.</summary>
    private static async Task<Stream?> SpoolAsync(Stream content, ReaderLimits limits, CancellationToken cancellationToken)
    {
        var file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        var buffer = ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            int read;
            while ((read = await content.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                if (file.Length > limits.MaxStreamedBytes)
                {
                    await file.DisposeAsync().ConfigureAwait(false);
                    return null;
                }
            }

            file.Position = 0;
            return file;
        }
        catch
        {
            await file.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async ValueTask DisposeIfOwnedAsync(Stream stream, bool owns)
    {
        if (owns)
        {
            await stream.DisposeAsync().ConfigureAwait(false);
        }
    }
}
