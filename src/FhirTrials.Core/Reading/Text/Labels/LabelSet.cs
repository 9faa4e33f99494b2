namespace FhirTrials.Core.Reading.Text.Labels;

/// <summary>
/// The labels that introduce one field, per language, as the standard (WHO TRDS 1.3.1, CT.gov) and the registries
/// and sites print them. Labels are compared by TextKey, so case, accents and punctuation need not be repeated.
/// </summary>
internal sealed record LabelSet(PageField Field, string[] English, string[]? German = null, string[]? French = null, string[]? Spanish = null, string[]? Portuguese = null)
{
    public IEnumerable<string> All =>
        English.Concat(German ?? []).Concat(French ?? []).Concat(Spanish ?? []).Concat(Portuguese ?? []);
}
