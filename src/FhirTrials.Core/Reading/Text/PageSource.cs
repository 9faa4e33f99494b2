using FhirTrials.Core.Records;

namespace FhirTrials.Core.Reading.Text;

/// <summary>The document a page was read from, as the caller knows it.</summary>
/// <param name="Format"><see cref="DocumentFormat.Text"/>, or <see cref="DocumentFormat.Html"/> when the text was reduced from HTML.</param>
public sealed record PageSource(string DocumentName, string ContentHash, DocumentFormat Format);

/// <summary>The record read from a page, or why the page is not a trial (then <see cref="Record"/> is null).</summary>
public sealed record PageReadResult(TrialRecord? Record, string? RejectionReason);
