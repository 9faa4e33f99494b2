using System.Text;
using System.Text.RegularExpressions;

namespace FhirTrials.Core.Reading.EuCtr;

/// <summary>
/// Cuts the export into member-state blocks and each block into numbered fields. A field starts on a line that
/// begins with its code ("E.3 Principal inclusion criteria: 1. Male or female ..."; "B.1.3.4&lt;TAB&gt;Country: ...";
/// "N. Competent Authority Decision: ..."); every following line that starts no field continues its value, blank
/// lines included, which is how the register writes multi-line criteria and end points.
/// </summary>
internal static partial class EuCtrBlockParser
{
    /// <summary>Section letters in the order the register writes them: a code going back is text inside a value.</summary>
    private const string SectionOrder = "ABCDEFGHNP";

    private static readonly string[] SummaryLabels =
    [
        "EudraCT Number", "Sponsor's Protocol Code Number", "National Competent Authority", "Clinical Trial Type", "Trial Status",
        "Date on which this record was first entered in the EudraCT database", "Link", "Trial results",
    ];

    public static List<EuCtrBlock> Parse(string text)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        var blocks = new List<EuCtrBlock>();
        EuCtrBlock? block = null;
        Pending? pending = null;
        var section = -1;

        void Close()
        {
            if (pending is not null && block is not null)
            {
                block.Fields.Add(pending.ToField());
                block.LastLine = Math.Max(block.LastLine, pending.LastLine);
            }

            pending = null;
        }

        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd();
            var number = i + 1;
            if (BlockStart().Match(line) is { Success: true } start)
            {
                Close();
                block = new EuCtrBlock { FirstLine = number, LastLine = number };
                blocks.Add(block);
                section = -1;
                pending = new Pending(string.Empty, "EudraCT Number", null, start.Groups["value"].Value, number);
                continue;
            }

            if (block is null)
            {
                continue;
            }

            if (line == "Summary" && NextLineStartsBlock(lines, i))
            {
                Close();
                continue;
            }

            if (section < 0 && SummaryLine(line) is { } summary)
            {
                Close();
                pending = new Pending(string.Empty, summary.Label, null, summary.Value, number);
                continue;
            }

            if (FieldStart(line, section) is { } field)
            {
                Close();
                section = field.Section;
                pending = new Pending(field.Code, field.Label, field.Language, field.Value, number);
                continue;
            }

            pending?.Continue(lines[i], number);
        }

        Close();
        return blocks;
    }

    private static bool NextLineStartsBlock(string[] lines, int index) =>
        index + 1 < lines.Length && BlockStart().IsMatch(lines[index + 1].TrimEnd());

    private static (string Label, string Value)? SummaryLine(string line)
    {
        foreach (var label in SummaryLabels)
        {
            if (line.StartsWith(label + ":", StringComparison.Ordinal))
            {
                return (label, line[(label.Length + 1)..].Trim());
            }
        }

        return null;
    }

    private static (string Code, string Label, string? Language, string Value, int Section)? FieldStart(string line, int section)
    {
        var marker = Marker().Match(line);
        if (marker.Success)
        {
            // "D.IMP: 1", "Sponsor 2", "D.8 Placebo: 1", "MedDRA Classification": boundaries inside a section.
            var code = marker.Groups["imp"].Success ? "D.IMP" : "#";
            return (code, marker.Value.Trim(), null, marker.Groups["n"].Value, Math.Max(section, 0));
        }

        var match = Coded().Match(line);
        if (!match.Success)
        {
            return null;
        }

        var fieldCode = match.Groups["code"].Value;
        var order = SectionOrder.IndexOf(fieldCode[0], StringComparison.Ordinal);
        var rest = match.Groups["rest"].Value;
        if (order < section || rest.Length == 0)
        {
            return null;
        }

        var colon = rest.IndexOf(": ", StringComparison.Ordinal);
        var question = rest.IndexOf("? ", StringComparison.Ordinal);
        string label, value;
        if (colon >= 0)
        {
            (label, value) = (rest[..colon], rest[(colon + 2)..]);
        }
        else if (rest.EndsWith(':'))
        {
            (label, value) = (rest[..^1], string.Empty);
        }
        else if (question >= 0)
        {
            (label, value) = (rest[..question], rest[(question + 2)..]);
        }
        else
        {
            (label, value) = (rest, string.Empty);
        }

        // A bare section letter starts a field only as a heading ("E. General Information on the Trial") or as N./P.
        // lines with a value: "E. coli" or "A. Inclusion" inside criteria stay text.
        if (!fieldCode.Contains('.', StringComparison.Ordinal) && !(char.IsUpper(rest[0]) && (colon < 0 || fieldCode is "N" or "P")))
        {
            return null;
        }

        var language = Language().Match(label);
        return (fieldCode, language.Success ? label[..language.Index].Trim() : label.Trim(), language.Success ? language.Groups["lang"].Value : null, value, order);
    }

    [GeneratedRegex(@"^EudraCT Number:[ \t]*(?<value>\d{4}-\d{6}-\d{2})\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex BlockStart();

    [GeneratedRegex(@"^(?:(?<code>[A-HNP](?:\.\d+)+)\.?|(?<code>[A-HNP])\.)[ \t]+(?<rest>\S.*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Coded();

    [GeneratedRegex(@"^(?:(?<imp>D\.IMP):\s*(?<n>\d+)|Sponsor\s+(?<n>\d+)|D\.8 Placebo:\s*(?<n>\d+)|MedDRA Classification)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex Marker();

    [GeneratedRegex(@"\s\((?<lang>[a-z]{2})\)$", RegexOptions.CultureInvariant)]
    private static partial Regex Language();

    private sealed class Pending(string code, string label, string? language, string firstValue, int firstLine)
    {
        private readonly StringBuilder _value = new(firstValue.Trim());
        private readonly int _firstLine = firstLine;

        public int LastLine { get; private set; } = firstLine;

        public void Continue(string line, int number)
        {
            _value.Append('\n').Append(line.TrimEnd());
            if (line.Trim().Length > 0)
            {
                LastLine = number;
            }
        }

        public EuCtrField ToField() => new(code, label, language, _value.ToString().Trim(), _firstLine, LastLine);
    }
}
