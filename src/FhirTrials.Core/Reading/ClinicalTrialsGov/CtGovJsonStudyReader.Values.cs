using FhirTrials.Core.Reading.Normalization;
using FhirTrials.Core.Records;

namespace FhirTrials.Core.Reading.ClinicalTrialsGov;

// Reading one value: its text, its normalised form, and the provenance or warning that goes with it.
internal sealed partial class CtGovJsonStudyReader
{
    private void Trace(string field, JsonField? node)
    {
        if (node is { } n && _lines.TryGet(n.Path, out var first, out var last))
        {
            _record.Provenance.Add(new FieldSource(field, first, last));
        }
    }

    private void Warn(string? field, string message, JsonField? node)
    {
        int? line = node is { } n && _lines.TryGet(n.Path, out var first, out _) ? first : null;
        _record.Warnings.Add(new ReadWarning(field, message, line));
    }

    private string? Text(string field, JsonField? node)
    {
        var text = node?.Text;
        if (text is not null)
        {
            Trace(field, node);
        }

        return text;
    }

    private bool? Flag(string field, JsonField? node)
    {
        var value = node?.Boolean;
        if (value is not null)
        {
            Trace(field, node);
        }
        else if (node?.Text is { } text)
        {
            Warn(field, $"'{text}' is not true or false.", node);
        }

        return value;
    }

    private T? Enum<T>(string field, JsonField? node, string what, ValueParser<T>? parse = null)
        where T : struct, System.Enum
    {
        if (node?.Text is not { } text)
        {
            return null;
        }

        if ((parse ?? EnumText.TryParse)(text, out var value))
        {
            Trace(field, node);
            return value;
        }

        Warn(field, $"Unrecognised {what} '{text}'.", node);
        return null;
    }

    private void AddTexts(List<string> target, string field, JsonField? array)
    {
        foreach (var item in array?.Items() ?? [])
        {
            if (Text($"{field}[{target.Count}]", item) is { } text)
            {
                target.Add(text);
            }
        }
    }

    private Age? AgeValue(string field, JsonField? node)
    {
        if (node?.Text is not { } text)
        {
            return null;
        }

        if (AgeNormalizer.TryParseAge(text, out var age))
        {
            Trace(field, node);
            return age;
        }

        Warn(field, $"Age '{text}' is not a number with a unit.", node);
        return null;
    }
}
