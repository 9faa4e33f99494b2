using System.Text;
using FhirTrials.Core.Reading;
using FhirTrials.Core.Records;
using FhirTrials.TestSupport.Hostile;

namespace FhirTrials.Core.Tests.Reading;

// The memory bound is measured on the whole process heap, so these run alone, not beside other test classes.
[Collection(nameof(StreamedDocumentTests))]
[CollectionDefinition(nameof(StreamedDocumentTests), DisableParallelization = true)]
public sealed class StreamedDocumentTests
{
    // About 2.6 KB a study: 10,000 studies make a page far larger than the heap growth allowed while reading it.
    private const int PaddingLength = 2500;

    [Fact]
    public async Task A_page_of_10000_studies_is_read_study_by_study_in_bounded_memory()
    {
        using var page = HostilePages.CtGovPage(10_000, PaddingLength);
        Assert.True(page.Length > 25_000_000, "the page must be much larger than the memory bound asserted below");

        await using var document = await TrialDocumentReader.ReadAsync(page, "page.json", page.Length);
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        long furthestAhead = 0, heapGrowth = 0;
        var count = 0;
        await foreach (var record in document.ReadRecordsAsync())
        {
            Assert.Equal(HostilePages.CtGovNctId(count), record.NctId);
            // The hash pass read it all once; this is how far the record pass has read past the record it gave.
            furthestAhead = Math.Max(furthestAhead, page.Position - page.EndOf(count));
            if (count % 2_000 == 0)
            {
                Assert.Equal(count + 2, record.Provenance.Single(p => p.Field == "identifiers[0]").FirstLine);
                heapGrowth = Math.Max(heapGrowth, GC.GetTotalMemory(forceFullCollection: true) - baseline);
            }

            count++;
        }

        Assert.Equal(10_000, count);
        Assert.Null(document.RejectionReason);
        Assert.Equal("ctgov-api-v2-search-page", document.Layout);
        Assert.InRange(furthestAhead, 0, 256 * 1024);
        Assert.InRange(heapGrowth, long.MinValue, 16 * 1024 * 1024);
    }

    [Fact]
    public async Task A_forward_only_stream_is_read_the_same_way()
    {
        using var page = HostilePages.CtGovPage(600, PaddingLength);
        var bytes = new byte[page.Length];
        page.ReadExactly(bytes);

        await using var document = await TrialDocumentReader.ReadAsync(new ForwardOnlyStream(bytes), "page.json");
        var ids = new List<string?>();
        await foreach (var record in document.ReadRecordsAsync())
        {
            ids.Add(record.NctId);
        }

        Assert.Equal(600, ids.Count);
        Assert.Equal(HostilePages.CtGovNctId(599), ids[^1]);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)), document.ContentHash);
    }

    [Fact]
    public async Task A_page_cut_short_keeps_the_studies_before_the_break_and_says_so()
    {
        using var page = HostilePages.CtGovPage(600, PaddingLength);
        var bytes = new byte[page.Length - 2_000];
        page.ReadExactly(bytes);

        await using var document = await TrialDocumentReader.ReadAsync(new MemoryStream(bytes), "cut.json");
        var count = 0;
        await foreach (var record in document.ReadRecordsAsync())
        {
            count++;
        }

        Assert.Equal(599, count);
        Assert.Null(document.RejectionReason);
        var warning = Assert.Single(document.Warnings);
        Assert.StartsWith("The JSON is malformed at line 601:", warning.Message, StringComparison.Ordinal);
        Assert.EndsWith("The 599 studies before it were read.", warning.Message, StringComparison.Ordinal);
        Assert.Equal(601, warning.Line);
    }

    [Fact]
    public async Task Streaming_gives_the_same_records_and_lines_as_reading_in_memory()
    {
        using var page = HostilePages.CtGovPage(400, PaddingLength);
        var bytes = new byte[page.Length];
        page.ReadExactly(bytes);
        page.Position = 0;
        Assert.True(bytes.Length > 1024 * 1024, "large enough to be streamed");

        var inMemory = TrialDocumentReader.Read(bytes, "page.json").Records;
        await using var document = await TrialDocumentReader.ReadAsync(page, "page.json", page.Length);
        var streamed = new List<TrialRecord>();
        await foreach (var record in document.ReadRecordsAsync())
        {
            streamed.Add(record);
        }

        Assert.Equal(400, streamed.Count);
        Assert.Equal(inMemory.Select(TrialRecordJson.Serialize), streamed.Select(TrialRecordJson.Serialize));
    }

    [Fact]
    public async Task A_document_longer_than_the_streaming_limit_is_refused_from_its_length_alone()
    {
        var limits = new ReaderLimits(MaxStreamedBytes: 1000);
        var stream = new CountingStream(5000, (byte)'{');

        await using var document = await TrialDocumentReader.ReadAsync(stream, "big.json", stream.Length, limits);

        Assert.StartsWith("The file is 5000 bytes; documents are read up to 1000 bytes.", document.RejectionReason, StringComparison.Ordinal);
        Assert.Equal(0, stream.BytesRead);
        Assert.Null(document.ContentHash);
    }

    [Fact]
    public async Task A_100_MB_text_blob_is_refused_from_its_first_bytes()
    {
        var blob = new CountingStream(100L * 1024 * 1024, (byte)'a');

        await using var document = await TrialDocumentReader.ReadAsync(blob, "huge.txt", blob.Length);

        Assert.Equal("The file is 100 MB; documents of this kind are read up to 16 MB.", document.RejectionReason);
        Assert.InRange(blob.BytesRead, 0, 64 * 1024);
    }

    [Fact]
    public async Task Small_documents_are_read_whole_and_give_the_same_records()
    {
        var json = Encoding.Unicode.GetBytes("""{"protocolSection":{"identificationModule":{"nctId":"NCT01234567"}}}""");

        await using var document = await TrialDocumentReader.ReadAsync(new MemoryStream(json), "utf16.json");
        var records = new List<TrialRecord>();
        await foreach (var record in document.ReadRecordsAsync())
        {
            records.Add(record);
        }

        Assert.Equal(DocumentFormat.ClinicalTrialsGovJson, document.Format);
        Assert.Equal("NCT01234567", Assert.Single(records).NctId);
    }

    [Fact]
    public async Task A_png_upload_is_refused_by_name_from_a_stream()
    {
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];

        await using var document = await TrialDocumentReader.ReadAsync(new ForwardOnlyStream(png), "scan.png", png.Length);

        Assert.Equal("The file is a PNG image, not a trial document.", document.RejectionReason);
    }

    private sealed class ForwardOnlyStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }

    /// <summary>A long run of one byte that counts how much of it was read.</summary>
    private sealed class CountingStream(long length, byte value) : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => true;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position { get; set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - Position);
            buffer.AsSpan(offset, n).Fill(value);
            Position += n;
            BytesRead += n;
            return n;
        }

        public override long Seek(long offset, SeekOrigin origin) => Position = origin == SeekOrigin.Begin ? offset : Position + offset;

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
