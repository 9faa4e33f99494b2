using System.Security.Cryptography;
using System.Text;
using FhirTrials.Core.Reading.ClinicalTrialsGov;
using FhirTrials.Core.Reading.Detection;
using FhirTrials.Core.Reading.EuCtr;
using FhirTrials.Core.Records;

namespace FhirTrials.Core.Reading;

/// <summary>
/// The one entry point for reading a trial document, whatever it is: the format is detected from the content
/// (encoding, binary signatures, JSON/XML/HTML/text), then the matching reader turns it into trial records.
/// A document that is not a trial comes back with a rejection reason in plain words, never an exception.
/// </summary>
public static class TrialDocumentReader
{
    /// <summary>Stamped on every record, so records can be re-read when the reader improves.</summary>
    public const string ReaderVersion = "1.0";

    public const string LegacyXmlLayout = "ctgov-legacy-xml";

    /// <summary>How much of the start of a document format detection looks at.</summary>
    internal const int HeadBytes = 64 * 1024;

    /// <summary>Reads a document held in memory.</summary>
    public static DocumentReadResult Read(ReadOnlyMemory<byte> content, string documentName, ReaderLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(documentName);
        limits ??= ReaderLimits.Default;
        var bytes = content.Span;
        var hash = Sha256Hex(bytes);
        if (Precheck(bytes[..Math.Min(bytes.Length, HeadBytes)], bytes.Length, limits) is { } refusal)
        {
            return DocumentReadResult.Rejected(documentName, hash, refusal);
        }

        var decoded = TextDecoder.Decode(bytes);
        if (decoded.RemovedControlCharacters > decoded.Text.Length / 10 && decoded.RemovedControlCharacters > 8)
        {
            return DocumentReadResult.Rejected(documentName, hash, "The file is binary data, not a trial document.");
        }

        var result = ReadText(content, decoded, documentName, hash, limits);

        // Repairs to the text (encoding guessed, control characters removed) concern every record read from it.
        foreach (var record in result.Records)
        {
            record.Warnings.InsertRange(0, decoded.Warnings);
            RecordBounds.Apply(record);
        }

        return result;
    }

    private static DocumentReadResult ReadText(ReadOnlyMemory<byte> content, DecodedText decoded, string documentName, string hash, ReaderLimits limits)
    {
        var bytes = content.Span;
        var (kind, root) = ContentSniffer.Sniff(decoded.Text);
        var warnings = decoded.Warnings.ToList();
        switch (kind)
        {
            case ContentKind.Empty:
                return DocumentReadResult.Rejected(documentName, hash, "The file holds only white space.", warnings: warnings);

            case ContentKind.Json:
                var utf8 = decoded.Repaired ? Encoding.UTF8.GetBytes(decoded.Text) : content[TextDecoder.Utf8BomLength(bytes)..];
                return ReadJson(utf8, documentName, hash, limits, warnings);

            case ContentKind.ClinicalStudyXml:
                var source = new SourceInfo(documentName, hash, DocumentFormat.ClinicalTrialsGovXml, LegacyXmlLayout, ReaderVersion);
                var xml = CtGovXmlReader.Read(decoded.Text, source, out var rejection);
                return xml is null
                    ? DocumentReadResult.Rejected(documentName, hash, rejection!, DocumentFormat.ClinicalTrialsGovXml, warnings)
                    : new DocumentReadResult(documentName, hash, DocumentFormat.ClinicalTrialsGovXml, LegacyXmlLayout, [xml], warnings, null);

            case ContentKind.OtherXml:
                return DocumentReadResult.Rejected(documentName, hash,
                    $"The XML is not a ClinicalTrials.gov record: its root element is <{root ?? "?"}>, expected <clinical_study>.", warnings: warnings);

            // Criteria such as "<p value" can make the export look like HTML to the sniffer; its own shape decides.
            case ContentKind.Text or ContentKind.Html when EuCtrTextReader.LooksLikeExport(decoded.Text):
                return EuCtrTextReader.Read(decoded.Text, documentName, hash, warnings);

            default:
                return PageDocuments.Read(decoded.Text, kind == ContentKind.Html, documentName, hash, limits, warnings);
        }
    }

    /// <summary>
    /// Reads a document from a stream. UTF-8 JSON (a CT.gov search page of thousands of studies) is read study by
    /// study in bounded memory; anything else is read whole, up to <see cref="ReaderLimits.MaxDocumentBytes"/>.
    /// Records arrive one at a time from <see cref="StreamedDocument.ReadRecordsAsync"/>.
    /// </summary>
    /// <param name="length">The content length when known (blob properties), so oversized documents are refused before reading.</param>
    public static Task<StreamedDocument> ReadAsync(Stream content, string documentName, long? length = null, ReaderLimits? limits = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(documentName);
        return StreamedDocument.OpenAsync(content, documentName, length, limits ?? ReaderLimits.Default, cancellationToken);
    }

    /// <summary>Refusals that need only the size and the first bytes.</summary>
    internal static string? Precheck(ReadOnlySpan<byte> head, long length, ReaderLimits limits)
    {
        if (length == 0)
        {
            return "The file is empty.";
        }

        if (BinarySignatures.Identify(head) is { } binary)
        {
            return binary == BinarySignatures.ZipArchive
                ? ArchiveRefusal
                : $"The file is {binary}, not a trial document.";
        }

        var limit = IsUtf8Json(head) ? limits.MaxStreamedBytes : limits.MaxDocumentBytes;
        return length > limit
            ? $"The file is {ReaderLimits.Megabytes(length)}; documents of this kind are read up to {ReaderLimits.Megabytes(limit)}."
            : null;
    }

    /// <summary>What the reader says of a ZIP: not one document, but an archive the ingestion opens entry by entry.</summary>
    public const string ArchiveRefusal = "The file is a ZIP archive: it holds documents, and is read entry by entry as an archive, not as one document.";

    /// <summary>Whether the first bytes are a ZIP archive of files (an Office or OpenDocument file is not).</summary>
    public static bool IsZipArchive(ReadOnlySpan<byte> head) => BinarySignatures.Identify(head) == BinarySignatures.ZipArchive;

    /// <summary>
    /// The kind of a binary file from its first bytes, in plain words ("a PNG image", "a GZIP archive"), or null for
    /// text; <paramref name="isArchive"/> tells archives (ZIP, GZIP, 7-Zip, RAR, TAR...) from other binaries.
    /// </summary>
    public static string? IdentifyBinary(ReadOnlySpan<byte> head, out bool isArchive)
    {
        var kind = BinarySignatures.Identify(head);
        isArchive = kind is not null && BinarySignatures.IsArchive(kind);
        return kind;
    }

    /// <summary>UTF-8 JSON can be read study by study; every other document is decoded whole.</summary>
    internal static bool IsUtf8Json(ReadOnlySpan<byte> head) =>
        TextDecoder.LooksLikeUtf8(head)
        && ContentSniffer.Sniff(Encoding.UTF8.GetString(head[TextDecoder.Utf8BomLength(head)..])).Kind == ContentKind.Json;

    internal static string Sha256Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static DocumentReadResult ReadJson(ReadOnlyMemory<byte> utf8, string documentName, string hash, ReaderLimits limits, List<ReadWarning> warnings)
    {
        var reader = new CtGovJsonDocumentReader(documentName, hash, limits);
        var records = new List<TrialRecord>();
        var offset = 0;
        while (!reader.Finished)
        {
            offset += reader.Advance(utf8[offset..], isFinalBlock: true, out var record, out _);
            if (record is not null)
            {
                records.Add(record);
            }
        }

        warnings.AddRange(reader.Warnings);
        return reader.RejectionReason is { } reason
            ? DocumentReadResult.Rejected(documentName, hash, reason, DocumentFormat.ClinicalTrialsGovJson, warnings)
            : new DocumentReadResult(documentName, hash, DocumentFormat.ClinicalTrialsGovJson, reader.Layout, records, warnings, null);
    }
}
