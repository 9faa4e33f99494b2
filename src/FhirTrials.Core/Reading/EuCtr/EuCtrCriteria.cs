using System.Text;
using System.Text.RegularExpressions;

namespace FhirTrials.Core.Reading.EuCtr;

/// <summary>
/// Splits the register's E.3/E.4 criteria into items. Sponsors number them ("1. ...", "1.&lt;TAB&gt;...", "12) ...");
/// lines without a number continue the item above: dash and bullet sub-lists stay on their own lines, a line the
/// sponsor's word processor wrapped mid-sentence is joined with a space, and a short unnumbered line after a blank
/// line ("Other inclusion criteria") is a sub-heading, not a criterion.
/// </summary>
internal static partial class EuCtrCriteria
{
    public static List<string> Split(string text)
    {
        var items = new List<string>();
        StringBuilder? item = null;
        var afterBlank = false;
        foreach (var raw in text.Split('\n'))
        {
            var line = Clean(raw);
            if (line.Length == 0)
            {
                afterBlank = item is not null;
                continue;
            }

            var number = Number().Match(line);
            if (number.Success)
            {
                Flush(items, item);
                item = new StringBuilder(line[number.Length..].Trim());
            }
            else if (item is null || (afterBlank && IsSubheading(line)))
            {
                // Text before the first numbered item ("Subjects will be eligible if ...") or a sub-heading.
            }
            else
            {
                var previous = item[^1];
                var newLine = afterBlank || Bullet().IsMatch(line) || previous is ':' or '.' or ';';
                item.Append(newLine ? '\n' : ' ').Append(line);
            }

            afterBlank = false;
        }

        Flush(items, item);
        return items;
    }

    /// <summary>One line of register text with tabs and runs of spaces made single spaces.</summary>
    public static string Clean(string line) => Spaces().Replace(line, " ").Trim();

    /// <summary>A multi-line value with each line cleaned and blank lines dropped.</summary>
    public static string CleanLines(string text) =>
        string.Join('\n', text.Split('\n').Select(Clean).Where(l => l.Length > 0));

    private static void Flush(List<string> items, StringBuilder? item)
    {
        if (item is { Length: > 0 })
        {
            items.Add(item.ToString());
        }
    }

    private static bool IsSubheading(string line) => line.Length <= 60 && line[^1] is not ('.' or ';' or ':' or ',' or ')');

    // "1. ", "1.<TAB>", "12) ", "(3) ", "1.Text" (no space, Greek records): a number and then words, never "1.5 mg".
    [GeneratedRegex(@"^\(?\d{1,3}[\.\)](?:\s+|(?=\p{L}))", RegexOptions.CultureInvariant)]
    private static partial Regex Number();

    [GeneratedRegex(@"^(?:[-•·▪◦●*–]|o\s)", RegexOptions.CultureInvariant)]
    private static partial Regex Bullet();

    [GeneratedRegex(@"[ \t\u00A0]+", RegexOptions.CultureInvariant)]
    private static partial Regex Spaces();
}
