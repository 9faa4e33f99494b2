using System.Globalization;
using System.Text.Json;

namespace FhirTrials.Core.Reading.ClinicalTrialsGov;

/// <summary>A JSON value with its path from the study root, so every value read can be traced to its lines.</summary>
internal readonly record struct JsonField(JsonElement Element, string Path)
{
    /// <summary>The named property when present and not null.</summary>
    public JsonField? this[string name] =>
        Element.ValueKind == JsonValueKind.Object && Element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? new JsonField(value, Path.Length == 0 ? name : Path + "." + name)
            : null;

    public IEnumerable<JsonField> Items()
    {
        if (Element.ValueKind != JsonValueKind.Array)
        {
            yield break;
        }

        var index = 0;
        foreach (var item in Element.EnumerateArray())
        {
            yield return new JsonField(item, $"{Path}[{index++}]");
        }
    }

    /// <summary>The value as trimmed text (numbers and booleans as written); null when empty or not a scalar.</summary>
    public string? Text => Element.ValueKind switch
    {
        JsonValueKind.String => Element.GetString() is { } s && !string.IsNullOrWhiteSpace(s) ? s.Trim() : null,
        JsonValueKind.Number => Element.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };

    public bool? Boolean => Element.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.String when bool.TryParse(Element.GetString(), out var b) => b,
        _ => null,
    };

    public int? Integer => Element.ValueKind switch
    {
        JsonValueKind.Number when Element.TryGetInt32(out var n) => n,
        JsonValueKind.String when int.TryParse(Element.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) => n,
        _ => null,
    };
}
