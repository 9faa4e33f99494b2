namespace FhirTrials.Core.Records;

/// <summary>The document a record was read from, and how it was read.</summary>
/// <param name="DocumentName">Blob or file name as given by the caller.</param>
/// <param name="ContentHash">SHA-256 of the document bytes, lower-case hex.</param>
/// <param name="Format">What the bytes were: JSON, XML, HTML or text.</param>
/// <param name="Layout">The recognised layout, e.g. <c>ctgov-api-v2</c>, <c>ctgov-classic-page</c>, <c>labelled-page</c>.</param>
/// <param name="ReaderVersion">Version of the reader, so a record can be re-read when the reader improves.</param>
/// <param name="SiteName">The site the page came from when the document says (e.g. "ClinicalTrials.Veeva").</param>
/// <param name="SourceUrl">The page or record URL when the document gives one.</param>
public sealed record SourceInfo(
    string DocumentName,
    string ContentHash,
    DocumentFormat Format,
    string Layout,
    string ReaderVersion,
    string? SiteName = null,
    string? SourceUrl = null);

public enum DocumentFormat
{
    ClinicalTrialsGovJson,
    ClinicalTrialsGovXml,
    Html,
    Text,
    /// <summary>The EU Clinical Trials Register's full-text download (numbered protocol fields, one block per member state).</summary>
    EuCtrText,
}
