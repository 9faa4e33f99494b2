using System.Text;

namespace FhirTrials.Core.Reading.Text;

/// <summary>Splits page text into <see cref="PageLine"/>s, recognising list markers and undoing markdown escapes.</summary>
internal static class PageLines
{
    private const string Bullets = "•◦▪‣●○■□–*-·";

    public static List<PageLine> Split(string text)
    {
        var lines = new List<PageLine>();
        var number = 0;
        foreach (var raw in text.AsSpan().EnumerateLines())
        {
            number++;
            var indent = 0;
            while (indent < raw.Length && raw[indent] is ' ' or '\t' or '\u00A0')
            {
                indent++;
            }

            var trimmed = Unescape(raw.Trim().ToString().Replace('\u00A0', ' '));
            var (marker, content) = ReadMarker(trimmed);
            lines.Add(new PageLine(number, trimmed, content, marker, indent));
        }

        return lines;
    }

    private static (ListMarker Marker, string Content) ReadMarker(string text)
    {
        if (text.Length >= 2 && Bullets.Contains(text[0], StringComparison.Ordinal) && text[1] == ' ')
        {
            return (ListMarker.Bullet, text[2..].Trim());
        }

        // "2. Signed consent", "10) Age": at most three digits, then '.' or ')', then a space.
        var digits = 0;
        while (digits < text.Length && digits < 4 && char.IsAsciiDigit(text[digits]))
        {
            digits++;
        }

        if (digits is > 0 and < 4 && digits + 1 < text.Length && text[digits] is '.' or ')' && text[digits + 1] == ' ')
        {
            return (ListMarker.Numbered, text[(digits + 2)..].Trim());
        }

        return (ListMarker.None, text);
    }

    // Markdown-escaped punctuation ("\*exceptions", "\< 12 months") reads as the character itself.
    private static string Unescape(string text)
    {
        if (!text.Contains('\\', StringComparison.Ordinal))
        {
            return text;
        }

        var output = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && i + 1 < text.Length && "*<>[]_#`\\()~|-+.!".Contains(text[i + 1], StringComparison.Ordinal))
            {
                i++;
            }

            output.Append(text[i]);
        }

        return output.ToString();
    }
}
