namespace FhirTrials.Core.Reading.EuCtr;

/// <summary>
/// One numbered field of an EU Clinical Trials Register export record, e.g. <c>E.3 Principal inclusion criteria: ...</c>.
/// </summary>
/// <param name="Code">The field number (<c>E.3</c>, <c>N</c>, <c>D.IMP</c>); empty for the summary lines above section A.</param>
/// <param name="Label">The label words after the code, without the colon or the language suffix.</param>
/// <param name="Language">The language of a translated value (<c>es</c> for "... (es):"); null for the English value.</param>
/// <param name="Value">The value as written: the rest of the first line, then every continuation line; trimmed at both ends.</param>
/// <param name="FirstLine">1-based line of the field in the document.</param>
/// <param name="LastLine">1-based last line of its value.</param>
internal sealed record EuCtrField(string Code, string Label, string? Language, string Value, int FirstLine, int LastLine)
{
    public bool IsEnglish => Language is null;
}
