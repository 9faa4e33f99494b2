using System.Text;

namespace FhirTrials.Core.Search;

/// <summary>
/// Index keys for token parameters, one per FHIR token form so each query form is ONE exact-key lookup:
/// <c>system|code</c>, <c>system|</c> (any code of the system), <c>|code</c> (code without a system), <c>code</c>
/// (any system), and <c>~text</c> (folded CodeableConcept text / Coding display, for <c>:text</c>, a prefix lookup).
/// <c>\</c>, <c>|</c> and <c>~</c> inside a system or code are escaped with <c>\</c>, so the forms never collide.
/// </summary>
public static class TokenKeys
{
    public const char TextMarker = '~';

    public static IEnumerable<string> ForIndex(string? system, string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        var escapedCode = Escape(code);
        yield return escapedCode;
        if (string.IsNullOrEmpty(system))
        {
            yield return "|" + escapedCode;
        }
        else
        {
            var escapedSystem = Escape(system);
            yield return escapedSystem + "|" + escapedCode;
            yield return escapedSystem + "|";
        }
    }

    public static string AnySystem(string code) => Escape(code);

    public static string NoSystem(string code) => "|" + Escape(code);

    public static string SystemAndCode(string system, string code) => Escape(system) + "|" + Escape(code);

    public static string SystemOnly(string system) => Escape(system) + "|";

    public static string Text(string text) => TextMarker + SearchText.Fold(text);

    private static string Escape(string value)
    {
        if (value.AsSpan().IndexOfAny('\\', '|', TextMarker) < 0)
        {
            return value;
        }

        var escaped = new StringBuilder(value.Length + 4);
        foreach (var c in value)
        {
            if (c is '\\' or '|' or TextMarker)
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        return escaped.ToString();
    }
}
