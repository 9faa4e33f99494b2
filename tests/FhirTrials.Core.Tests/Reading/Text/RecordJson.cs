using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using FhirTrials.Core.Records;

namespace FhirTrials.Core.Tests.Reading.Text;

/// <summary>
/// A record as JSON (camelCase, enums by name, nulls and empty lists left out), and any such JSON flattened to
/// sorted-by-position "path = value" lines, so an expectation file and a reader's record diff field by field.
/// </summary>
internal static class RecordJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>The record without its provenance (tested on its own), as indented JSON.</summary>
    public static string Serialize(TrialRecord record)
    {
        var node = JsonSerializer.SerializeToNode(record, Options)!.AsObject();
        node.Remove("provenance");
        node.Remove("nctId");
        Prune(node);
        return node.ToJsonString(Options) + "\n";
    }

    public static string Flatten(string json)
    {
        var lines = new StringBuilder();
        Flatten(JsonNode.Parse(json), string.Empty, lines);
        return lines.ToString();
    }

    private static void Flatten(JsonNode? node, string path, StringBuilder lines)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj)
                {
                    Flatten(child, path.Length == 0 ? name : $"{path}.{name}", lines);
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    Flatten(array[i], string.Create(CultureInfo.InvariantCulture, $"{path}[{i}]"), lines);
                }

                break;
            case JsonValue value:
                var text = value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString();
                lines.Append(path).Append(" = ").Append(text.Replace("\n", "\\n", StringComparison.Ordinal)).Append('\n');
                break;
        }
    }

    // Empty lists and objects say nothing about the source: leave them out so the file lists only what the page has.
    private static bool Prune(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var name in obj.Select(p => p.Key).ToList())
                {
                    if (Prune(obj[name]))
                    {
                        obj.Remove(name);
                    }
                }

                return obj.Count == 0;
            case JsonArray array:
                for (var i = array.Count - 1; i >= 0; i--)
                {
                    if (Prune(array[i]))
                    {
                        array.RemoveAt(i);
                    }
                }

                return array.Count == 0;
            default:
                return node is null;
        }
    }
}
