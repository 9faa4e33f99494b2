using System.Buffers.Binary;
using System.IO.Compression;
using Azure.Storage.Blobs;
using FhirTrials.Storage.Archives;
using FhirTrials.TestSupport;

namespace FhirTrials.Storage.Tests.Archives;

public sealed class DirectorySliceTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const int Block = 4096;
    private static readonly ArchiveLimits Limits = new() { ReadBlockBytes = Block };

    private async Task<(BlobClient Blob, Azure.ETag Version, long Length)> UploadAsync(byte[] zip)
    {
        var container = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient(StorageNames.Container("slices"));
        await container.CreateIfNotExistsAsync();
        var blob = container.GetBlobClient("ctg-studies.json.zip");
        var info = (await blob.UploadAsync(new BinaryData(zip))).Value;
        return (blob, info.ETag, zip.Length);
    }

    [Fact]
    public async Task Each_item_of_a_3000_study_archive_reads_its_own_directory_records_and_entries_not_the_whole_directory()
    {
        var zip = TestZips.Registry(3000, padding: 100);
        var (blob, version, length) = await UploadAsync(zip);
        var end = (await ZipDirectoryEnd.ReadAsync(new MemoryStream(zip), default))!;
        await using var whole = await TrialArchive.OpenAsync(blob, version, length, Limits);
        var wholeOpened = whole.BytesDownloaded;

        var slices = await whole.SliceDirectoryAsync(100);

        // 100 folders, 3,000 studies and Contents.txt: 3,101 entries in 32 items.
        Assert.Equal(32, slices.Count);
        Assert.Equal((end.DirectoryOffset, end.DirectoryOffset + end.DirectoryBytes), (slices[0].Offset, slices[^1].End));
        var mostOpened = 0L;
        for (var i = 0; i < slices.Count; i++)
        {
            var (from, to) = (i * 100, Math.Min((i + 1) * 100, whole.TotalEntries));
            await using var item = await TrialArchive.OpenSliceAsync(blob, version, length, slices[i], from, to, Limits);
            var (openRequests, opened) = (item.Requests, item.BytesDownloaded);
            var span = 0L;
            foreach (var entry in item.Entries)
            {
                using var content = await item.ReadEntryAsync(entry);
                span += entry.CompressedBytes + 30 + entry.Name.Length;
            }

            Assert.Null(item.Refusal);
            Assert.Equal(whole.EntriesBetween(from, to), item.Entries);
            Assert.Equal(whole.SkippedBetween(from, to).Select(s => (s.Index, s.Kind)), item.Skipped.Select(s => (s.Index, s.Kind)));
            // Opening costs the slice's own records (one exact range, with the few KiB before them that ZipArchive's
            // backward scan for the end record reads) and nothing of the rest of the directory.
            Assert.Equal(1, openRequests);
            Assert.Equal(slices[i].Bytes + DirectorySliceStream.Lead, opened);
            Assert.True(item.BytesDownloaded - opened <= span + (2 * Block), $"item {i}: {item.BytesDownloaded - opened} bytes for {span} bytes of entries");
            mostOpened = Math.Max(mostOpened, opened);
        }

        // The old way each item read the whole directory (as the splitter still does, once per upload).
        Assert.True(wholeOpened >= end.DirectoryBytes);
        Assert.True(mostOpened * 15 < end.DirectoryBytes, $"an item read {mostOpened} bytes of a {end.DirectoryBytes}-byte directory");
    }

    [Fact]
    public async Task Names_shared_by_entries_of_different_items_are_refused_in_both_items()
    {
        var entries = Enumerable.Range(0, 150).Select(i => new TestZips.Entry($"study-{i}.json", TestZips.Study(i))).ToList();
        entries[10] = new("dup.json", TestZips.Study(10));
        entries[140] = new("DUP.json", TestZips.Study(140));
        var (blob, version, length) = await UploadAsync(TestZips.Build(entries));
        await using var whole = await TrialArchive.OpenAsync(blob, version, length, Limits);

        var slices = await whole.SliceDirectoryAsync(100);
        await using var first = await TrialArchive.OpenSliceAsync(blob, version, length, slices[0], 0, 100, Limits);
        await using var second = await TrialArchive.OpenSliceAsync(blob, version, length, slices[1], 100, 150, Limits);

        Assert.Equal([10], slices[0].Duplicates!);
        Assert.Equal([140], slices[1].Duplicates!);
        var refused = Assert.Single(first.Skipped);
        Assert.Equal((10, "dup.json", ArchiveSkipKind.DuplicateName), (refused.Index, refused.Name, refused.Kind));
        Assert.Equal((140, ArchiveSkipKind.DuplicateName), (Assert.Single(second.Skipped).Index, second.Skipped[0].Kind));
        Assert.Equal(99, first.Entries.Count);
        Assert.DoesNotContain(second.Entries, e => e.Name == "DUP.json");
    }

    [Fact]
    public async Task A_directory_range_that_does_not_start_at_a_record_refuses_the_item_with_the_reason()
    {
        var (blob, version, length) = await UploadAsync(TestZips.Registry(300));
        await using var whole = await TrialArchive.OpenAsync(blob, version, length, Limits);
        var slices = await whole.SliceDirectoryAsync(100);

        await using var shifted = await TrialArchive.OpenSliceAsync(blob, version, length, slices[1] with { Offset = slices[1].Offset + 1 }, 100, 200, Limits);
        await using var outside = await TrialArchive.OpenSliceAsync(blob, version, length, slices[1] with { End = length + 1 }, 100, 200, Limits);

        Assert.Contains("cannot be read", shifted.Refusal, StringComparison.Ordinal);
        Assert.Contains("does not fit", outside.Refusal, StringComparison.Ordinal);
        Assert.Empty(shifted.Entries);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_slice_of_the_directory_with_a_synthesized_end_opens_as_an_archive_of_its_entries_only(bool zip64)
    {
        var zip = TestZips.Registry(300, padding: 100);
        var end = (await ZipDirectoryEnd.ReadAsync(new MemoryStream(zip), default))!;
        var (from, to) = (RecordAt(zip, end.DirectoryOffset, 120), RecordAt(zip, end.DirectoryOffset, 170));
        using var original = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);

        using var view = new DirectorySliceStream(new MemoryStream(zip), from, zip.AsMemory((int)from, (int)(to - from)), from, 50, zip64);
        using var slice = new ZipArchive(view, ZipArchiveMode.Read);

        Assert.Equal(original.Entries.Skip(120).Take(50).Select(e => e.FullName), slice.Entries.Select(e => e.FullName));
        using var reader = new StreamReader(slice.Entries[^1].Open());
        using var expected = new StreamReader(original.Entries[169].Open());
        Assert.Equal(await expected.ReadToEndAsync(), await reader.ReadToEndAsync());
    }

    /// <summary>Where directory record <paramref name="index"/> starts, walking from the first.</summary>
    private static long RecordAt(byte[] zip, long directoryOffset, int index)
    {
        var at = (int)directoryOffset;
        for (var i = 0; i < index; i++)
        {
            var header = zip.AsSpan(at);
            at += 46 + BinaryPrimitives.ReadUInt16LittleEndian(header[28..]) + BinaryPrimitives.ReadUInt16LittleEndian(header[30..]) + BinaryPrimitives.ReadUInt16LittleEndian(header[32..]);
        }

        return at;
    }
}
