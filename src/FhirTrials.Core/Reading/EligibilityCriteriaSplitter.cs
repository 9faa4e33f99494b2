using System.Text;
using System.Text.RegularExpressions;

namespace FhirTrials.Core.Reading;

/// <summary>One criterion, verbatim, and the lines (0-based, within the criteria text) it came from.</summary>
public sealed record CriteriaItem(string Text, int FirstLine, int LastLine);

/// <param name="Split">False when the text has no inclusion/exclusion headings and was left whole.</param>
public sealed record CriteriaSplit(IReadOnlyList<CriteriaItem> Inclusion, IReadOnlyList<CriteriaItem> Exclusion, bool Split);

/// <summary>
/// Splits an eligibility criteria block into inclusion and exclusion items: CT.gov API text ("Inclusion Criteria:"
/// then "* item"), legacy XML textblocks (" -  item" wrapped over indented lines), numbered and lettered lists.
/// Each bullet starts an item; a line without one continues the item above (wrapped text) or, after a blank line,
/// starts a new one. Items keep their words verbatim, list markers removed.
/// </summary>
public static partial class EligibilityCriteriaSplitter
{
    public static CriteriaSplit Split(string criteria)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        var inclusion = new List<CriteriaItem>();
        var exclusion = new List<CriteriaItem>();
        List<CriteriaItem>? current = null;
        var sawHeading = false;
        var lines = criteria.ReplaceLineEndings("\n").Split('\n');

        var text = new StringBuilder();
        int first = -1, last = -1;
        var afterBlank = false;
        void Flush()
        {
            if (current is not null && text.Length > 0)
            {
                current.Add(new CriteriaItem(text.ToString(), first, last));
            }

            text.Clear();
            first = -1;
        }

        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0)
            {
                afterBlank = true;
                continue;
            }

            var heading = Heading().Match(line);
            if (heading.Success)
            {
                Flush();
                sawHeading = true;
                current = heading.Groups["kind"].Value.StartsWith("in", StringComparison.OrdinalIgnoreCase) ? inclusion : exclusion;
                var rest = heading.Groups["rest"].Value.Trim();
                if (rest.Length > 0)
                {
                    (first, last) = (i, i);
                    text.Append(StripMarker(rest));
                }

                afterBlank = false;
                continue;
            }

            var bullet = Marker().Match(line);
            if (bullet.Success || afterBlank || text.Length == 0)
            {
                Flush();
                (first, last) = (i, i);
                text.Append(bullet.Success ? line[bullet.Length..].Trim() : line);
            }
            else
            {
                text.Append(' ').Append(line);
                last = i;
            }

            afterBlank = false;
        }

        Flush();
        return sawHeading ? new CriteriaSplit(inclusion, exclusion, true) : new CriteriaSplit([], [], false);
    }

    private static string StripMarker(string text)
    {
        var marker = Marker().Match(text);
        return marker.Success ? text[marker.Length..].Trim() : text;
    }

    // A heading names the list and either ends the line or is followed by a colon: "Exclusion of ..." is an item.
    [GeneratedRegex(@"^(?:key\s+|main\s+|principal\s+)?(?<kind>inclusion|exclusion|non[- ]?inclusion)(?:\s+criteria)?(?:\s+for\s+[^:]{1,80})?\s*(?:\([^)]*\))?\s*(?::\s*(?<rest>.*)|$)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Heading();

    // "*", "-", "•", "·", "–", "o " bullets; "1.", "1)", "(1)", "a)", "a.", "i." numbering.
    [GeneratedRegex(@"^(?:[\*\-•·–—▪◦●]+\s*|o\s+|\(?\d{1,3}[\.\)]\s+|\(\d{1,3}\)\s*|\(?[a-z][\.\)]\s+|\(?(?:i|ii|iii|iv|v|vi|vii|viii|ix|x)[\.\)]\s+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Marker();
}
