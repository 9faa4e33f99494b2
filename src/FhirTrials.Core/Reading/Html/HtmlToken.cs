namespace FhirTrials.Core.Reading.Html;

public enum HtmlTokenKind
{
    Text,
    StartTag,
    EndTag,
}

/// <param name="Value">Decoded text for <see cref="HtmlTokenKind.Text"/>; lower-case tag name for tags.</param>
/// <param name="SelfClosing">A start tag written <c>&lt;br/&gt;</c>.</param>
public readonly record struct HtmlToken(HtmlTokenKind Kind, string Value, bool SelfClosing = false);
