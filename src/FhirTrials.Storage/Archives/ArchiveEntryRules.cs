using System.Globalization;
using System.IO.Compression;

namespace FhirTrials.Storage.Archives;

/// <summary>
/// What an entry's name and headers alone decide: folders and known non-documents are skipped, unsafe names, encrypted
/// entries and entries too large or packed too tightly by their own declaration are refused. Sniffing the content
/// and counting the bytes actually inflated come later, when the entry is read.
/// </summary>
internal static class ArchiveEntryRules
{
    // The registry's index of the download, macOS resource forks, Windows thumbnails: files, not trial documents.
    private static readonly HashSet<string> NonDocumentNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "Contents.txt", ".DS_Store", "Thumbs.db", "desktop.ini",
    };

    private static readonly HashSet<string> NonDocumentExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".pdf", ".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".ico", ".webp", ".svg",
        ".css", ".js", ".exe", ".dll", ".so", ".bin", ".dat", ".db", ".sqlite",
        ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".odt", ".ods", ".rtf",
        ".mp3", ".mp4", ".mov", ".avi", ".xsd", ".dtd",
    };

    private static readonly HashSet<string> ArchiveExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".zip", ".gz", ".tgz", ".7z", ".rar", ".tar", ".bz2", ".xz", ".zst", ".jar", ".cab", ".lz", ".lzma", ".z",
    };

    public static ArchiveSkip? Check(ZipArchiveEntry entry, int index, ArchiveLimits limits)
    {
        var name = entry.FullName;
        if (IsFolder(entry))
        {
            return new(index, name, ArchiveSkipKind.Folder, "a folder");
        }

        if (UnsafeName(name) is { } unsafeReason)
        {
            return new(index, name, ArchiveSkipKind.UnsafeName, unsafeReason);
        }

        if (entry.IsEncrypted)
        {
            return new(index, name, ArchiveSkipKind.Encrypted, "the entry is encrypted; encrypted entries are never opened");
        }

        var fileName = FileName(name);
        var extension = Path.GetExtension(fileName);
        if (ArchiveExtensions.Contains(extension))
        {
            return new(index, name, ArchiveSkipKind.NestedArchive, $"a nested archive ({extension}); archives inside archives are not opened");
        }

        if (NonDocumentNames.Contains(fileName) || fileName.StartsWith("._", StringComparison.Ordinal) || NonDocumentExtensions.Contains(extension)
            || name.StartsWith("__MACOSX/", StringComparison.Ordinal))
        {
            return new(index, name, ArchiveSkipKind.NotADocument, $"not a trial document ({(NonDocumentExtensions.Contains(extension) ? extension : fileName)})");
        }

        if (entry.Length > limits.MaxEntryBytes)
        {
            return new(index, name, ArchiveSkipKind.TooLarge,
                $"it declares {ByteSize.Describe(entry.Length)} unpacked, over the {ByteSize.Describe(limits.MaxEntryBytes)} limit per entry (setting {ArchiveLimits.MaxEntryBytesName})");
        }

        if (entry.Length >= limits.RatioCheckedFromBytes && entry.Length > (double)Math.Max(1, entry.CompressedLength) * limits.MaxCompressionRatio)
        {
            return new(index, name, ArchiveSkipKind.CompressionRatio,
                $"it declares {Ratio(entry.Length, entry.CompressedLength)}, over the {limits.MaxCompressionRatio}:1 limit (setting {ArchiveLimits.MaxCompressionRatioName}): a zip bomb");
        }

        return null;
    }

    /// <summary>A directory entry: a name ending in a separator and nothing in it.</summary>
    public static bool IsFolder(ZipArchiveEntry entry) => entry.FullName.EndsWith('/') || entry.FullName.EndsWith('\\');

    /// <summary>
    /// Names that would escape a folder if anything ever unpacked them, or that mean different files on different
    /// systems: parent references, absolute paths, drive letters, control characters.
    /// </summary>
    public static string? UnsafeName(string name)
    {
        if (name.Length == 0)
        {
            return "the entry has no name";
        }

        if (name.Any(char.IsControl))
        {
            return "the name holds control characters";
        }

        if (name[0] is '/' or '\\')
        {
            return "the name is an absolute path";
        }

        if (name.Length >= 2 && name[1] == ':' && char.IsAsciiLetter(name[0]))
        {
            return "the name starts with a drive letter";
        }

        return name.Split('/', '\\').Any(segment => segment == "..") ? "the name climbs out of the archive with '..'" : null;
    }

    public static string FileName(string name)
    {
        var slash = name.LastIndexOfAny(['/', '\\']);
        return slash < 0 ? name : name[(slash + 1)..];
    }

    public static string Ratio(long unpacked, long packed) =>
        $"{ByteSize.Describe(unpacked)} from {ByteSize.Describe(packed)} packed ({(unpacked / (double)Math.Max(1, packed)).ToString("0", CultureInfo.InvariantCulture)}:1)";
}
