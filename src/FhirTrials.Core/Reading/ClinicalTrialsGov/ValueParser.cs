namespace FhirTrials.Core.Reading.ClinicalTrialsGov;

/// <summary>The shape of the shared normalisers' TryParse methods, so one read-trace-or-warn helper serves them all.</summary>
internal delegate bool ValueParser<T>(string? text, out T value);
