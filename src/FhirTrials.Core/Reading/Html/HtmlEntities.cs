using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace FhirTrials.Core.Reading.Html;

/// <summary>
/// Decodes character references: numeric (<c>&amp;#233;</c>, <c>&amp;#xE9;</c>) and the named entities trial pages
/// use (Latin letters with accents, typographic punctuation, maths comparisons, Greek letters used as units).
/// An unknown name is left as written, since an ampersand in running text is common.
/// </summary>
public static class HtmlEntities
{
    private static readonly FrozenDictionary<string, string> Named = new (string Name, string Value)[]
    {
        ("amp", "&"), ("lt", "<"), ("gt", ">"), ("quot", "\""), ("apos", "'"), ("nbsp", "\u00A0"), ("copy", "©"),
        ("reg", "®"), ("trade", "™"), ("deg", "°"), ("plusmn", "±"), ("micro", "µ"), ("middot", "·"), ("bull", "•"),
        ("hellip", "…"), ("ndash", "–"), ("mdash", "—"), ("lsquo", "‘"), ("rsquo", "’"), ("ldquo", "“"), ("rdquo", "”"),
        ("laquo", "«"), ("raquo", "»"), ("le", "≤"), ("ge", "≥"), ("ne", "≠"), ("asymp", "≈"), ("times", "×"),
        ("divide", "÷"), ("minus", "−"), ("frac12", "½"), ("frac14", "¼"), ("frac34", "¾"), ("sup2", "²"), ("sup3", "³"),
        ("para", "¶"), ("sect", "§"), ("alpha", "α"), ("beta", "β"), ("gamma", "γ"), ("delta", "δ"), ("kappa", "κ"),
        ("lambda", "λ"), ("mu", "μ"), ("agrave", "à"), ("aacute", "á"), ("acirc", "â"), ("auml", "ä"), ("atilde", "ã"),
        ("aring", "å"), ("aelig", "æ"), ("ccedil", "ç"), ("egrave", "è"), ("eacute", "é"), ("ecirc", "ê"), ("euml", "ë"),
        ("igrave", "ì"), ("iacute", "í"), ("icirc", "î"), ("iuml", "ï"), ("ntilde", "ñ"), ("ograve", "ò"), ("oacute", "ó"),
        ("ocirc", "ô"), ("ouml", "ö"), ("otilde", "õ"), ("oslash", "ø"), ("oelig", "œ"), ("ugrave", "ù"), ("uacute", "ú"),
        ("ucirc", "û"), ("uuml", "ü"), ("yacute", "ý"), ("yuml", "ÿ"), ("szlig", "ß"), ("Agrave", "À"), ("Aacute", "Á"),
        ("Acirc", "Â"), ("Auml", "Ä"), ("Ccedil", "Ç"), ("Egrave", "È"), ("Eacute", "É"), ("Ecirc", "Ê"), ("Euml", "Ë"),
        ("Icirc", "Î"), ("Iuml", "Ï"), ("Ntilde", "Ñ"), ("Ocirc", "Ô"), ("Ouml", "Ö"), ("Oslash", "Ø"), ("OElig", "Œ"),
        ("Ugrave", "Ù"), ("Uacute", "Ú"), ("Ucirc", "Û"), ("Uuml", "Ü"),
    }.ToFrozenDictionary(e => e.Name, e => e.Value, StringComparer.Ordinal);

    private const int LongestName = 8;

    public static string Decode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var amp = text.IndexOf('&', StringComparison.Ordinal);
        if (amp < 0)
        {
            return text;
        }

        var output = new StringBuilder(text.Length);
        var i = 0;
        while (amp >= 0)
        {
            output.Append(text, i, amp - i);
            i = TryDecodeAt(text, amp, output) ?? AppendAmpersand(output, amp);
            amp = text.IndexOf('&', i);
        }

        output.Append(text, i, text.Length - i);
        return output.ToString();
    }

    private static int AppendAmpersand(StringBuilder output, int amp)
    {
        output.Append('&');
        return amp + 1;
    }

    // Returns the index after the reference, or null when there is no reference at amp.
    private static int? TryDecodeAt(string text, int amp, StringBuilder output)
    {
        var start = amp + 1;
        if (start < text.Length && text[start] == '#')
        {
            var hex = start + 1 < text.Length && text[start + 1] is 'x' or 'X';
            var digitsStart = start + (hex ? 2 : 1);
            var end = digitsStart;
            while (end < text.Length && end - digitsStart < 8 && (hex ? char.IsAsciiHexDigit(text[end]) : char.IsAsciiDigit(text[end])))
            {
                end++;
            }

            if (end == digitsStart
                || !int.TryParse(text.AsSpan(digitsStart, end - digitsStart), hex ? NumberStyles.AllowHexSpecifier : NumberStyles.None, CultureInfo.InvariantCulture, out var code))
            {
                return null;
            }

            // Invalid code points become the replacement character, as browsers do.
            output.Append(code is > 0 and <= 0x10FFFF and not (>= 0xD800 and <= 0xDFFF) ? char.ConvertFromUtf32(code) : "\uFFFD");
            return end < text.Length && text[end] == ';' ? end + 1 : end;
        }

        var nameEnd = start;
        while (nameEnd < text.Length && nameEnd - start <= LongestName && char.IsAsciiLetterOrDigit(text[nameEnd]))
        {
            nameEnd++;
        }

        if (nameEnd == start || !Named.TryGetValue(text[start..nameEnd], out var value))
        {
            return null;
        }

        output.Append(value);
        return nameEnd < text.Length && text[nameEnd] == ';' ? nameEnd + 1 : nameEnd;
    }
}
