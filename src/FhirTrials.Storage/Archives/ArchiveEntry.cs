namespace FhirTrials.Storage.Archives;

/// <summary>An entry of the archive that passed the checks of its name and headers, to be read as a document.</summary>
/// <param name="Index">Its position in the archive's central directory (0-based): slices of work are index ranges.</param>
/// <param name="Name">Its full name in the archive, folders included ("NCT0001xx02/NCT00010102.json").</param>
/// <param name="CompressedBytes">Packed size as declared.</param>
/// <param name="DeclaredBytes">Unpacked size as declared (not trusted: the bytes inflated are counted).</param>
/// <param name="Crc32">The CRC-32 its header declares, checked against the bytes inflated.</param>
public sealed record ArchiveEntry(int Index, string Name, long CompressedBytes, long DeclaredBytes, uint Crc32);

/// <summary>Why an entry was set aside: skipped (not a document, never an error) or refused (a guard tripped).</summary>
public enum ArchiveSkipKind
{
    Folder,
    NotADocument,
    NestedArchive,
    UnsafeName,
    DuplicateName,
    Encrypted,
    TooLarge,
    CompressionRatio,
    Unreadable,
    UnpackedLimit,
}

/// <summary>An entry set aside, with its reason in plain words for the ingestion log.</summary>
public sealed record ArchiveSkip(int Index, string Name, ArchiveSkipKind Kind, string Reason)
{
    /// <summary>Folders, non-documents and nested archives are skipped and counted; the rest are refusals.</summary>
    public bool IsRefusal => Kind is not (ArchiveSkipKind.Folder or ArchiveSkipKind.NotADocument or ArchiveSkipKind.NestedArchive);
}

/// <summary>A guard tripped while an entry was being inflated; the entry is refused with <see cref="Exception.Message"/>.</summary>
public sealed class ArchiveLimitException : Exception
{
    public ArchiveLimitException(ArchiveSkipKind kind, string message)
        : base(message) => Kind = kind;

    public ArchiveLimitException()
        : this(ArchiveSkipKind.TooLarge, "An archive limit was reached.")
    {
    }

    public ArchiveLimitException(string message)
        : this(ArchiveSkipKind.TooLarge, message)
    {
    }

    public ArchiveLimitException(string message, Exception innerException)
        : base(message, innerException) => Kind = ArchiveSkipKind.TooLarge;

    public ArchiveSkipKind Kind { get; }
}
