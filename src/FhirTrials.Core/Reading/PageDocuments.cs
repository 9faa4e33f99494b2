using FhirTrials.Core.Records;

namespace FhirTrials.Core.Reading;

/// <summary>Hands page text and HTML to the page reader (owned by the reader-pages work).</summary>
internal static class PageDocuments
{
    // TEMPORARY: until reader-pages lands HtmlText.Reduce and PageTextReader.Read on main, pages are refused with a
    // reason that says so. Replace with: text = isHtml ? HtmlText.Reduce(text) : text;
    // PageTextReader.Read(text, new PageSource(name, hash, format)) and map its PageReadResult.
    public static DocumentReadResult Read(string text, bool isHtml, string documentName, string hash, List<ReadWarning> warnings)
    {
        _ = text;
        var format = isHtml ? DocumentFormat.Html : DocumentFormat.Text;
        return DocumentReadResult.Rejected(documentName, hash, "Reading trial pages (text or HTML) is not available in this build.", format, warnings);
    }
}
