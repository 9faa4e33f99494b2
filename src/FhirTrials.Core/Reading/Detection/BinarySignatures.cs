namespace FhirTrials.Core.Reading.Detection;

/// <summary>Recognises binary files by their leading bytes, so they are refused by name ("a PNG image")
/// rather than decoded as garbage text.</summary>
internal static class BinarySignatures
{
    public const string ZipArchive = "a ZIP archive";

    private static readonly (byte[] Magic, int Offset, string Name)[] Signatures =
    [
        ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], 0, "a PNG image"),
        ([0xFF, 0xD8, 0xFF], 0, "a JPEG image"),
        ("GIF87a"u8.ToArray(), 0, "a GIF image"),
        ("GIF89a"u8.ToArray(), 0, "a GIF image"),
        ([0x49, 0x49, 0x2A, 0x00], 0, "a TIFF image"),
        ([0x4D, 0x4D, 0x00, 0x2A], 0, "a TIFF image"),
        ([0x00, 0x00, 0x01, 0x00], 0, "an icon image"),
        ("WEBP"u8.ToArray(), 8, "a WebP image"),
        ("ftyp"u8.ToArray(), 4, "a video or image file (MP4/HEIC)"),
        ("PK\u0003\u0004"u8.ToArray(), 0, ZipArchive),
        ("PK\u0005\u0006"u8.ToArray(), 0, ZipArchive),
        ("PK\u0007\u0008"u8.ToArray(), 0, ZipArchive),
        ("%PDF-"u8.ToArray(), 0, "a PDF document"),
        ([0x1F, 0x8B], 0, "a GZIP archive"),
        ([0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C], 0, "a 7-Zip archive"),
        ("Rar!\u001A\u0007"u8.ToArray(), 0, "a RAR archive"),
        ([0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00], 0, "an XZ archive"),
        ([0x28, 0xB5, 0x2F, 0xFD], 0, "a Zstandard archive"),
        ("BZh91AY&SY"u8.ToArray(), 0, "a BZIP2 archive"),
        ("ustar"u8.ToArray(), 257, "a TAR archive"),
        ([0x7F, 0x45, 0x4C, 0x46], 0, "an executable (ELF)"),
        ([0xCF, 0xFA, 0xED, 0xFE], 0, "an executable (Mach-O)"),
        ([0xCA, 0xFE, 0xBA, 0xBE], 0, "a Java class or Mach-O executable"),
        ([0x00, 0x61, 0x73, 0x6D], 0, "a WebAssembly module"),
        ([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1], 0, "an old-style Office document (Word/Excel 97-2003)"),
        ("SQLite format 3\0"u8.ToArray(), 0, "an SQLite database"),
        ("OggS"u8.ToArray(), 0, "an Ogg audio/video file"),
        ("ID3"u8.ToArray(), 0, "an MP3 audio file"),
        ("{\\rtf"u8.ToArray(), 0, "an RTF document"),
    ];

    /// <summary>The file's kind in plain words ("a PNG image"), or null when no known binary signature matches.</summary>
    public static string? Identify(ReadOnlySpan<byte> head)
    {
        foreach (var (magic, offset, name) in Signatures)
        {
            if (head.Length >= offset + magic.Length && head.Slice(offset, magic.Length).SequenceEqual(magic))
            {
                return name == ZipArchive ? OfficeDocument(head) ?? name : name;
            }
        }

        // "MZ" alone also starts ordinary words; a PE header has NUL bytes in its first 64.
        if (head.Length >= 64 && head[0] == (byte)'M' && head[1] == (byte)'Z' && head[..64].Contains((byte)0))
        {
            return "an executable (Windows)";
        }

        return null;
    }

    /// <summary>Whether the kind <see cref="Identify"/> gave is an archive of other files (a ZIP, GZIP, 7-Zip, RAR...).</summary>
    public static bool IsArchive(string kind) => kind.EndsWith(" archive", StringComparison.Ordinal);

    /// <summary>
    /// Office and OpenDocument files are ZIPs too; their first entry gives them away ("[Content_Types].xml",
    /// "mimetype"), so a Word file is not mistaken for an archive of trial documents.
    /// </summary>
    private static string? OfficeDocument(ReadOnlySpan<byte> head)
    {
        // Local file header: the name length at offset 26, the name at offset 30.
        if (head.Length < 30 || head[2] != 3)
        {
            return null;
        }

        var nameLength = head[26] | (head[27] << 8);
        var name = head.Length >= 30 + nameLength ? head.Slice(30, nameLength) : [];
        return name.SequenceEqual("[Content_Types].xml"u8) ? "an Office document (Word, Excel or PowerPoint)"
            : name.SequenceEqual("mimetype"u8) ? "an OpenDocument file"
            : name.SequenceEqual("META-INF/"u8) || name.SequenceEqual("META-INF/MANIFEST.MF"u8) ? "a Java archive"
            : null;
    }
}
