using System.IO.Compression;
using Azure.Storage.Blobs;
using FhirTrials.Storage.Archives;
using FhirTrials.TestSupport;

namespace FhirTrials.Storage.Tests.Archives;

public sealed class TrialArchiveTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const int SmallBlock = 64 * 1024;

    private async Task<(BlobClient Blob, Azure.ETag Version, long Length)> UploadAsync(byte[] zip, string name = "upload.zip")
    {
        var container = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient(StorageNames.Container("archive"));
        await container.CreateIfNotExistsAsync();
        var blob = container.GetBlobClient(name);
        var info = (await blob.UploadAsync(new BinaryData(zip))).Value;
        return (blob, info.ETag, zip.Length);
    }

    private async Task<TrialArchive> OpenAsync(byte[] zip, ArchiveLimits? limits = null)
    {
        var (blob, version, length) = await UploadAsync(zip);
        return await TrialArchive.OpenAsync(blob, version, length, limits ?? new ArchiveLimits { ReadBlockBytes = SmallBlock });
    }

    [Fact]
    public async Task Reading_one_entry_of_a_large_archive_costs_a_few_range_requests_not_the_blob()
    {
        // Stored, not deflated, so the blob is as large as its studies: 600 of about 4 KB.
        var zip = TestZips.Registry(600, padding: 4000, CompressionLevel.NoCompression);
        await using var archive = await OpenAsync(zip);

        var opened = (archive.Requests, archive.BytesDownloaded);
        var entry = archive.Entries.Single(e => e.Name == TestZips.StudyName(300));
        using var content = await archive.ReadEntryAsync(entry);

        Assert.Equal(TestZips.Study(300, 4000), content.ToArray());
        Assert.True(opened.Requests <= 3, $"opening took {opened.Requests} requests");
        Assert.True(archive.Requests <= opened.Requests + 2, $"{archive.Requests} requests in all");
        Assert.True(archive.BytesDownloaded < zip.Length / 8, $"{archive.BytesDownloaded} of {zip.Length} bytes downloaded");
    }

    [Fact]
    public async Task A_slice_of_entries_reads_the_directory_and_its_own_entries_only()
    {
        var zip = TestZips.Registry(600, padding: 4000, CompressionLevel.NoCompression);
        await using var archive = await OpenAsync(zip);
        var opened = archive.BytesDownloaded;
        var from = archive.Entries[400].Index;
        var to = archive.Entries[450].Index;

        var slice = archive.EntriesBetween(from, to).ToList();
        foreach (var entry in slice)
        {
            using var content = await archive.ReadEntryAsync(entry);
        }

        Assert.Equal(50, slice.Count);
        Assert.All(slice, e => Assert.InRange(e.Index, from, to - 1));
        // 50 of 600 studies: their bytes and a block either side, not the 400 entries before them.
        Assert.True(archive.BytesDownloaded - opened < (zip.Length / 12) + (2 * SmallBlock), $"{archive.BytesDownloaded - opened} bytes for the slice");
    }

    [Fact]
    public async Task Folders_contents_txt_and_images_are_skipped_not_refused()
    {
        var zip = TestZips.Build([
            new("studies/", []), new("studies/NCT1.json", TestZips.Study(1)), new("Contents.txt", "NCT1"u8.ToArray()),
            new("studies/logo.png", [0x89, 0x50, 0x4E, 0x47]), new("__MACOSX/studies/._NCT1.json", [0, 5, 22, 7]),
        ]);

        await using var archive = await OpenAsync(zip);

        Assert.Null(archive.Refusal);
        Assert.Equal(["studies/NCT1.json"], archive.Entries.Select(e => e.Name));
        Assert.Equal(4, archive.Skipped.Count);
        Assert.All(archive.Skipped, s => Assert.False(s.IsRefusal, s.Reason));
    }

    [Theory]
    [InlineData("../x.json", ArchiveSkipKind.UnsafeName, "'..'")]
    [InlineData("studies/../../x.json", ArchiveSkipKind.UnsafeName, "'..'")]
    [InlineData("/abs.json", ArchiveSkipKind.UnsafeName, "absolute path")]
    [InlineData("\\abs.json", ArchiveSkipKind.UnsafeName, "absolute path")]
    [InlineData("C:/drive.json", ArchiveSkipKind.UnsafeName, "drive letter")]
    [InlineData("inner.zip", ArchiveSkipKind.NestedArchive, "nested archive")]
    [InlineData("inner.tar.gz", ArchiveSkipKind.NestedArchive, "nested archive")]
    [InlineData("inner.7z", ArchiveSkipKind.NestedArchive, "nested archive")]
    public async Task An_entry_with_a_hostile_name_is_set_aside_with_its_reason(string name, ArchiveSkipKind kind, string reason)
    {
        await using var archive = await OpenAsync(TestZips.Build([new("ok.json", TestZips.Study(1)), new(name, TestZips.Study(2))]));

        var skip = Assert.Single(archive.Skipped);
        Assert.Equal((name, kind), (skip.Name, skip.Kind));
        Assert.Contains(reason, skip.Reason, StringComparison.Ordinal);
        Assert.Equal(["ok.json"], archive.Entries.Select(e => e.Name));
    }

    [Fact]
    public async Task Entries_sharing_a_name_are_all_refused()
    {
        await using var archive = await OpenAsync(TestZips.Build([new("dup.json", TestZips.Study(1)), new("ok.json", TestZips.Study(2)), new("DUP.json", TestZips.Study(3))]));

        Assert.Equal(["dup.json", "DUP.json"], archive.Skipped.Select(s => s.Name));
        Assert.All(archive.Skipped, s => Assert.Equal(ArchiveSkipKind.DuplicateName, s.Kind));
        Assert.Equal(["ok.json"], archive.Entries.Select(e => e.Name));
    }

    [Fact]
    public async Task An_entry_flagged_encrypted_is_refused_unread()
    {
        var zip = TestZips.MarkEncrypted(TestZips.Build([new("secret.json", TestZips.Study(1)), new("ok.json", TestZips.Study(2))]), "secret.json");

        await using var archive = await OpenAsync(zip);

        var skip = Assert.Single(archive.Skipped);
        Assert.Equal(ArchiveSkipKind.Encrypted, skip.Kind);
        Assert.Equal(["ok.json"], archive.Entries.Select(e => e.Name));
    }

    [Fact]
    public async Task A_bomb_is_refused_from_its_declared_ratio_without_inflating_it()
    {
        var zip = TestZips.Build([new("bomb.json", TestZips.Zeros(8 * 1024 * 1024)), new("ok.json", TestZips.Study(1))]);

        await using var archive = await OpenAsync(zip);

        var skip = Assert.Single(archive.Skipped);
        Assert.Equal(ArchiveSkipKind.CompressionRatio, skip.Kind);
        Assert.Contains("zip bomb", skip.Reason, StringComparison.Ordinal);
        Assert.Equal(0, archive.UnpackedBytes);
    }

    [Fact]
    public async Task A_header_that_understates_the_size_is_caught_on_the_bytes_inflated()
    {
        // 4 MiB of zeros declared as 1,000 bytes: small enough to pass every check of the header.
        var zip = TestZips.DeclareSize(TestZips.Build([new("liar.json", TestZips.Zeros(4 * 1024 * 1024))]), "liar.json", 1000);
        await using var archive = await OpenAsync(zip);
        var entry = Assert.Single(archive.Entries);

        var refused = await Assert.ThrowsAsync<ArchiveLimitException>(() => archive.ReadEntryAsync(entry));

        Assert.Contains("lies about its size", refused.Message, StringComparison.Ordinal);
        Assert.InRange(archive.UnpackedBytes, 1, 1000);
    }

    [Fact]
    public async Task An_entry_larger_than_the_per_entry_limit_is_refused_from_its_header()
    {
        var limits = new ArchiveLimits { ReadBlockBytes = SmallBlock, MaxEntryBytes = 64 * 1024 };
        var zip = TestZips.Build([new("big.json", TestZips.Study(1, padding: 100_000)), new("ok.json", TestZips.Study(2))]);

        await using var archive = await OpenAsync(zip, limits);

        var skip = Assert.Single(archive.Skipped);
        Assert.Equal(ArchiveSkipKind.TooLarge, skip.Kind);
        Assert.Contains("limit per entry", skip.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inflating_past_the_archive_budget_refuses_the_entries_beyond_it()
    {
        var limits = new ArchiveLimits { ReadBlockBytes = SmallBlock, MaxUnpackedBytes = 10_000 };
        var zip = TestZips.Build(Enumerable.Range(0, 5).Select(i => new TestZips.Entry($"s{i}.json", TestZips.Study(i, padding: 4000))));
        await using var archive = await OpenAsync(zip, limits);

        var read = 0;
        var refusal = await Assert.ThrowsAsync<ArchiveLimitException>(async () =>
        {
            foreach (var entry in archive.Entries)
            {
                using var content = await archive.ReadEntryAsync(entry);
                read++;
            }
        });

        Assert.Equal(2, read);
        Assert.Equal(ArchiveSkipKind.UnpackedLimit, refusal.Kind);
    }

    [Fact]
    public async Task Too_many_entries_refuse_the_archive_before_its_directory_is_parsed()
    {
        var limits = new ArchiveLimits { ReadBlockBytes = SmallBlock, MaxEntries = 20 };
        var zip = TestZips.Build(Enumerable.Range(0, 25).Select(i => new TestZips.Entry($"s{i}.json", TestZips.Study(i))));

        await using var archive = await OpenAsync(zip, limits);

        Assert.Equal("The ZIP archive declares 25 entries, over the 20 limit (setting ArchiveMaxEntries); it was not opened.", archive.Refusal);
        Assert.Equal(0, archive.TotalEntries);
        Assert.Empty(archive.Entries);
    }

    [Fact]
    public async Task A_truncated_zip_is_refused_as_damaged()
    {
        var zip = TestZips.Build([new("s.json", TestZips.Study(1))]);

        await using var archive = await OpenAsync(zip[..(zip.Length / 2)]);

        Assert.Contains("truncated or damaged", archive.Refusal, StringComparison.Ordinal);
    }
}
