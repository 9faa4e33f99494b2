using System.Xml;
using System.Xml.Linq;
using FhirTrials.Core.Reading.Normalization;
using FhirTrials.Core.Records;

namespace FhirTrials.Core.Reading.ClinicalTrialsGov;

// Reading one element: its text, its normalised form, and the provenance or warning that goes with it.
internal sealed partial class CtGovXmlReader
{
    /// <summary>The element's trimmed text, or null when absent or empty.</summary>
    private static string? Value(XElement? element) =>
        element?.Value is { } text && !string.IsNullOrWhiteSpace(text) ? text.Trim() : null;

    private static int Line(XObject node) => ((IXmlLineInfo)node).HasLineInfo() ? ((IXmlLineInfo)node).LineNumber : 0;

    /// <summary>The last line an element covers: its last node's line plus the line breaks in that node's text.</summary>
    private static int LastLine(XElement element)
    {
        var last = element.DescendantNodesAndSelf().LastOrDefault() ?? element;
        var text = last is XText t ? t.Value : string.Empty;
        return Math.Max(Line(element), Line(last) + text.Count(c => c == '\n'));
    }

    private void Trace(string field, XElement? element)
    {
        if (element is not null && Line(element) > 0)
        {
            _record.Provenance.Add(new FieldSource(field, Line(element), LastLine(element)));
        }
    }

    private void Warn(string? field, string message, XElement? element) =>
        _record.Warnings.Add(new ReadWarning(field, message, element is null ? null : Line(element)));

    private string? Text(string field, XElement? element)
    {
        var text = Value(element);
        if (text is not null)
        {
            Trace(field, element);
        }

        return text;
    }

    /// <summary>A textblock as prose: wrapped lines joined, paragraphs kept apart by a blank line.</summary>
    private string? TextBlock(string field, XElement? parent)
    {
        var block = parent?.Element("textblock") ?? parent;
        if (Value(block) is not { } text)
        {
            return null;
        }

        Trace(field, block);
        var paragraphs = text.ReplaceLineEndings("\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(p => string.Join(' ', p.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)))
            .Where(p => p.Length > 0);
        return string.Join("\n\n", paragraphs);
    }

    private void AddAll(List<string> target, string field, IEnumerable<XElement> elements)
    {
        foreach (var element in elements)
        {
            if (Text($"{field}[{target.Count}]", element) is { } text && !target.Contains(text))
            {
                target.Add(text);
            }
        }
    }

    private T? Enum<T>(string field, XElement? element, string what, ValueParser<T>? parse = null)
        where T : struct, System.Enum
    {
        if (Value(element) is not { } text)
        {
            return null;
        }

        if ((parse ?? EnumText.TryParse)(text, out var value))
        {
            Trace(field, element);
            return value;
        }

        Warn(field, $"Unrecognised {what} '{text}'.", element);
        return null;
    }

    private TrialDate? Date(string field, XElement? element, DateKind? kind = null)
    {
        if (Value(element) is not { } text)
        {
            return null;
        }

        if (DateNormalizer.TryParse(text, kind ?? DateNormalizer.KindFromWords((string?)element!.Attribute("type")), out var date, out var problem))
        {
            Trace(field, element);
            return date;
        }

        Warn(field, $"Date '{text}' is not a valid date ({problem}).", element);
        return null;
    }

    /// <summary>"Yes"/"No", or healthy_volunteers' "Accepts Healthy Volunteers" with <see cref="ParticipantNormalizer.TryParseHealthyVolunteers"/>.</summary>
    private bool? YesNo(string field, XElement? element, ValueParser<bool>? parse = null)
    {
        bool? value = (parse ?? ParticipantNormalizer.TryParseYesNo)(Value(element), out var yes) ? yes : null;
        if (value is not null)
        {
            Trace(field, element);
        }
        else if (Value(element) is { } text)
        {
            Warn(field, $"'{text}' is not yes or no.", element);
        }

        return value;
    }

    private Age? AgeValue(string field, XElement? element)
    {
        if (Value(element) is not { } text || text.Equals("N/A", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (AgeNormalizer.TryParseAge(text, out var age))
        {
            Trace(field, element);
            return age;
        }

        Warn(field, $"Age '{text}' is not a number with a unit.", element);
        return null;
    }
}
