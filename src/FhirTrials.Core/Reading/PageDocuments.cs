using FhirTrials.Core.Reading.Text;
using FhirTrials.Core.Records;

namespace FhirTrials.Core.Reading;

/// <summary>Hands page text and HTML to the page reader and turns its answer into a document result.</summary>
internal static class PageDocuments
{
    public static DocumentReadResult Read(string text, bool isHtml, string documentName, string hash, ReaderLimits limits, List<ReadWarning> warnings)
    {
        var format = isHtml ? DocumentFormat.Html : DocumentFormat.Text;
        var source = new PageSource(documentName, hash, format);
        var page = isHtml ? PageTextReader.ReadHtml(text, source, limits) : PageTextReader.Read(text, source);
        return page.Record is { } record
            ? new DocumentReadResult(documentName, hash, format, record.Source.Layout, [record], warnings, null)
            : DocumentReadResult.Rejected(documentName, hash, page.RejectionReason ?? "The page shows no sign of being a clinical trial.", format, warnings);
    }
}
