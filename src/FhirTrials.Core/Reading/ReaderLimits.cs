namespace FhirTrials.Core.Reading;

/// <summary>
/// Bounds on what the reader accepts, so a hostile or broken upload is refused with a reason instead of
/// exhausting memory or the stack.
/// </summary>
/// <param name="MaxDocumentBytes">Largest document read whole (text, HTML, XML, JSON of other encodings).</param>
/// <param name="MaxStreamedBytes">Largest UTF-8 JSON document read study by study.</param>
/// <param name="MaxStudyBytes">Largest single study inside a JSON document.</param>
/// <param name="MaxJsonDepth">Deepest JSON nesting accepted; CT.gov studies need about 8.</param>
/// <param name="MaxHtmlDepth">Deepest element nesting accepted in HTML (the root element is level 1). Real pages
/// nest a few dozen levels; browsers stop nesting at 512. The HTML5 tree builder scans its open elements on most
/// tags, so this also bounds the cost of each tag.</param>
/// <param name="MaxHtmlElements">Most elements the tags of an HTML page may make. A page at the size limit, of
/// ordinary markup, makes about 300,000.</param>
/// <param name="MaxHtmlParseMilliseconds">Longest an HTML page may take to parse. It also bounds what the two limits
/// above cannot see: HTML's error recovery can copy open formatting elements into every later paragraph, making
/// millions of elements (hundreds of MB) from a few kilobytes without a tag for each.</param>
public sealed record ReaderLimits(
    long MaxDocumentBytes = 16 * 1024 * 1024,
    long MaxStreamedBytes = 2L * 1024 * 1024 * 1024,
    int MaxStudyBytes = 16 * 1024 * 1024,
    int MaxJsonDepth = 64,
    int MaxHtmlDepth = 2_048,
    int MaxHtmlElements = 500_000,
    int MaxHtmlParseMilliseconds = 5_000)
{
    public static ReaderLimits Default { get; } = new();

    internal static string Megabytes(long bytes) => bytes < 1024 * 1024
        ? bytes.ToString(System.Globalization.CultureInfo.InvariantCulture) + " bytes"
        : (bytes / (1024.0 * 1024.0)).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + " MB";
}
