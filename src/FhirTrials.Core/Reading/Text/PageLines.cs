using System.Text;
using System.Text.RegularExpressions;

namespace FhirTrials.Core.Reading.Text;

/// <summary>
/// Splits page text into <see cref="PageLine"/>s: list markers ("-", "*", "+", "•", "1.", "1)"), markdown headings
/// (ATX "#".."######" and setext lines underlined with "===" or "---"), emphasis around labels ("**Label:** value",
/// "*Label*: value", "__Label__") and markdown escapes are undone, and tab-separated cells of a copied table become
/// pipe cells, so every later step sees plain labelled text.
/// </summary>
internal static partial class PageLines
{
    private const string Bullets = "•◦▪‣●○■□–*-·+";

    [GeneratedRegex(@"^(#{1,6})\s+(.*?)(?:\s+#+)?\s*$")]
    private static partial Regex AtxHeading();

    // "**bold**", "__bold__", "*italic*": opening marker before a non-space, closing marker after one.
    [GeneratedRegex(@"(\*\*|__)(?=\S)(.+?)(?<=\S)\1|(?<![\*\w])\*(?=[^\s*])([^*]+?)(?<=\S)\*(?![\*\w])")]
    private static partial Regex Emphasis();

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

            var trimmed = raw.Trim().ToString().Replace('\u00A0', ' ');
            if (IsUnderline(trimmed, '=') || (IsUnderline(trimmed, '-') && lines.Count > 0 && !lines[^1].IsBlank && lines[^1].Marker == ListMarker.None && !lines[^1].HasPipe))
            {
                // Setext: the line above is a heading (level 1 for "===", 2 for "---"); the underline itself is no text.
                if (lines.Count > 0 && !lines[^1].IsBlank)
                {
                    lines[^1] = lines[^1] with { HeadingLevel = trimmed[0] == '=' ? 1 : 2 };
                }

                lines.Add(new PageLine(number, string.Empty, string.Empty, ListMarker.None, 0));
                continue;
            }

            if (trimmed.Contains('\t', StringComparison.Ordinal))
            {
                trimmed = TabCells(trimmed);
            }

            var heading = 0;
            if (trimmed.StartsWith('#') && AtxHeading().Match(trimmed) is { Success: true } atx)
            {
                heading = atx.Groups[1].Length;
                trimmed = atx.Groups[2].Value;
            }

            trimmed = Unescape(Unemphasise(trimmed));
            var (marker, content) = ReadMarker(trimmed);
            lines.Add(new PageLine(number, trimmed, content, marker, indent) { HeadingLevel = heading });
        }

        return lines;
    }

    // A table row copied from a browser keeps its cells apart by tabs ("Sponsor<TAB>Acme Ltd"): it reads as a pipe row.
    private static string TabCells(string text)
    {
        var cells = text.Split('\t', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return cells.Length >= 2 ? string.Join(" | ", cells) + " |" : string.Join(' ', cells);
    }

    // "---" under a paragraph line is a setext heading; "***", "___" and a "---" after a blank line are rules.
    private static bool IsUnderline(string text, char mark) => text.Length >= 3 && !text.AsSpan().ContainsAnyExcept(mark);

    private static string Unemphasise(string text) =>
        text.Contains('*', StringComparison.Ordinal) || text.Contains("__", StringComparison.Ordinal)
            ? Emphasis().Replace(text, m => m.Groups[2].Success ? m.Groups[2].Value : m.Groups[3].Value)
            : text;

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
