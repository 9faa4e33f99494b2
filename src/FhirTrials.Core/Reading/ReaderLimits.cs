namespace FhirTrials.Core.Reading;

/// <summary>
/// Bounds on what the reader accepts, so a hostile or broken upload is refused with a reason instead of
/// exhausting memory or the stack.
/// </summary>
/// <param name="MaxDocumentBytes">Largest document read whole (text, HTML, XML, JSON of other encodings).</param>
/// <param name="MaxStreamedBytes">Largest UTF-8 JSON document read study by study.</param>
/// <param name="MaxStudyBytes">Largest single study inside a JSON document.</param>
/// <param name="MaxJsonDepth">Deepest JSON nesting accepted; CT.gov studies need about 8.</param>
public sealed record ReaderLimits(
    long MaxDocumentBytes = 16 * 1024 * 1024,
    long MaxStreamedBytes = 2L * 1024 * 1024 * 1024,
    int MaxStudyBytes = 16 * 1024 * 1024,
    int MaxJsonDepth = 64)
{
    public static ReaderLimits Default { get; } = new();

    internal static string Megabytes(long bytes) => bytes < 1024 * 1024
        ? bytes.ToString(System.Globalization.CultureInfo.InvariantCulture) + " bytes"
        : (bytes / (1024.0 * 1024.0)).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + " MB";
}
