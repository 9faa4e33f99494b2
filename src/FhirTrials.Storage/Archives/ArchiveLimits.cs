using System.Globalization;

namespace FhirTrials.Storage.Archives;

/// <summary>
/// How much of a ZIP in the incoming container is opened. Defaults are sized for ClinicalTrials.gov's full downloads
/// (ctg-studies.json.zip: about 598,000 studies in 100 folders, 2.5 GB zipped, 10.3 GB unpacked, the largest study
/// 3.6 MB; AllPublicXML.zip: one XML per study in folders plus Contents.txt) with room for years of growth, and far
/// below what would hurt the process: the sizes are checked on the bytes actually inflated, not on the headers.
/// </summary>
public sealed record ArchiveLimits
{
    public const string MaxArchiveBytesName = "ArchiveMaxBytes";
    public const string MaxEntriesName = "ArchiveMaxEntries";
    public const string MaxEntryBytesName = "ArchiveMaxEntryBytes";
    public const string MaxUnpackedBytesName = "ArchiveMaxUnpackedBytes";
    public const string MaxCompressionRatioName = "ArchiveMaxCompressionRatio";

    /// <summary>Larger ZIP blobs are refused from their properties (the registry download is 2.5 GB).</summary>
    public long MaxArchiveBytes { get; init; } = 16L * 1024 * 1024 * 1024;

    /// <summary>More entries (folders included) refuse the whole archive before its directory is parsed (598,000 today).</summary>
    public int MaxEntries { get; init; } = 2_000_000;

    /// <summary>Largest unpacked entry; it is held in memory while read (the largest CT.gov study is 3.6 MB).</summary>
    public long MaxEntryBytes { get; init; } = 16L * 1024 * 1024;

    /// <summary>Unpacked bytes of all entries read by one process from one archive (10.3 GB for the registry).</summary>
    public long MaxUnpackedBytes { get; init; } = 64L * 1024 * 1024 * 1024;

    /// <summary>
    /// Unpacked bytes per packed byte above which an entry is a zip bomb. JSON and XML studies pack 5-15 to 1; a
    /// bomb of zeros packs about 1,000 to 1.
    /// </summary>
    public int MaxCompressionRatio { get; init; } = 100;

    /// <summary>Below this many unpacked bytes the ratio is not checked: so little cannot hurt, and tiny files pack oddly.</summary>
    public long RatioCheckedFromBytes { get; init; } = 1024 * 1024;

    /// <summary>The central directory is read into memory; its size follows from the entry count.</summary>
    public long MaxCentralDirectoryBytes => (long)MaxEntries * 1024;

    /// <summary>
    /// Bytes fetched per range request: entries are read in archive order, so one request serves a few hundred
    /// average studies, and the central directory of a small archive comes with its last block.
    /// </summary>
    public int ReadBlockBytes { get; init; } = 4 * 1024 * 1024;

    /// <param name="lookup">Reads one setting by name, as <see cref="ServiceSettings.From"/> does.</param>
    public static ArchiveLimits From(Func<string, string?> lookup)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        var defaults = new ArchiveLimits();
        return new ArchiveLimits
        {
            MaxArchiveBytes = Positive(lookup(MaxArchiveBytesName)) ?? defaults.MaxArchiveBytes,
            MaxEntries = (int)Math.Min(int.MaxValue, Positive(lookup(MaxEntriesName)) ?? defaults.MaxEntries),
            MaxEntryBytes = Positive(lookup(MaxEntryBytesName)) ?? defaults.MaxEntryBytes,
            MaxUnpackedBytes = Positive(lookup(MaxUnpackedBytesName)) ?? defaults.MaxUnpackedBytes,
            MaxCompressionRatio = (int)Math.Min(int.MaxValue, Positive(lookup(MaxCompressionRatioName)) ?? defaults.MaxCompressionRatio),
        };
    }

    private static long? Positive(string? value) =>
        long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) && number > 0 ? number : null;
}
