using System.Globalization;

namespace FhirTrials.Storage;

/// <summary>Byte counts in the plain words of ingestion log reasons, one wording for documents and archives alike.</summary>
internal static class ByteSize
{
    /// <param name="exact">Add the exact count after a rounded MiB figure (a size just over a limit would otherwise read as equal to it).</param>
    public static string Describe(long bytes, bool exact = false) => bytes >= 1024 * 1024
        ? (bytes / (1024.0 * 1024)).ToString("0.#", CultureInfo.InvariantCulture) + " MiB" + (exact ? $" ({bytes.ToString(CultureInfo.InvariantCulture)} bytes)" : "")
        : bytes.ToString("N0", CultureInfo.InvariantCulture) + " bytes";
}
