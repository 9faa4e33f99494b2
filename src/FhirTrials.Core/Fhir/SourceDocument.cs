using System.Globalization;
using FhirTrials.Core.Records;

namespace FhirTrials.Core.Fhir;

/// <summary>How the mapped resources name the document they came from.</summary>
public static class SourceDocument
{
    /// <summary>The blob URI when given, else the content hash as an RFC 6920 named-information URI, else null.</summary>
    public static string? Uri(SourceInfo source, MappingOptions options)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(options);
        if (!string.IsNullOrWhiteSpace(options.SourceDocumentUri))
        {
            return options.SourceDocumentUri;
        }

        return HashUri(source.ContentHash);
    }

    /// <summary><c>ni:///sha-256;&lt;base64url&gt;</c> for a hex SHA-256, or null when the hash is not one.</summary>
    public static string? HashUri(string? sha256Hex)
    {
        if (sha256Hex is not { Length: 64 } || !sha256Hex.All(char.IsAsciiHexDigit))
        {
            return null;
        }

        var bytes = Convert.FromHexString(sha256Hex);
        return "ni:///sha-256;" + Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>One line naming the document and how it was read (Provenance entity display).</summary>
    public static string Describe(SourceInfo source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return string.Create(CultureInfo.InvariantCulture,
            $"{source.DocumentName} ({source.Format}, layout {source.Layout}, reader {source.ReaderVersion}, sha256 {source.ContentHash})");
    }
}
