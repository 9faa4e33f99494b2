namespace FhirTrials.Core.Records;

/// <summary>Where one field's value came from in the source document: 1-based, inclusive line numbers.</summary>
/// <param name="Field">JSON-style path into the record, e.g. <c>officialTitle</c>, <c>eligibility.inclusion[2]</c>.</param>
public sealed record FieldSource(string Field, int FirstLine, int LastLine);

/// <param name="Field">The field concerned (same paths as <see cref="FieldSource"/>), or null for the document.</param>
/// <param name="Message">Plain words for ops, e.g. "Start date '31/02/2024' is not a valid date".</param>
/// <param name="Line">Line in the source document, when there is one.</param>
public sealed record ReadWarning(string? Field, string Message, int? Line = null);
