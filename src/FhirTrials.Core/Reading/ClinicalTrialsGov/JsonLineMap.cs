using System.Text;
using System.Text.Json;

namespace FhirTrials.Core.Reading.ClinicalTrialsGov;

/// <summary>
/// The source line span of every value in one study's JSON, keyed by its path (<c>protocolSection.statusModule
/// .overallStatus</c>, <c>...locations[2]</c>). JsonDocument keeps no positions, so one extra forward pass over the
/// study's bytes records them for provenance.
/// </summary>
internal sealed class JsonLineMap
{
    private readonly Dictionary<string, (int First, int Last)> _spans = new(StringComparer.Ordinal);

    private JsonLineMap()
    {
    }

    public bool TryGet(string path, out int firstLine, out int lastLine)
    {
        var found = _spans.TryGetValue(path, out var span);
        (firstLine, lastLine) = span;
        return found;
    }

    /// <param name="firstLine">Line number (1-based) of the study's first byte in the whole document.</param>
    public static JsonLineMap Build(ReadOnlySpan<byte> study, int firstLine, int maxDepth)
    {
        var map = new JsonLineMap();
        var reader = new Utf8JsonReader(study, new JsonReaderOptions { MaxDepth = maxDepth, CommentHandling = JsonCommentHandling.Skip });
        var counted = 0;
        var line = firstLine;
        int LineAt(ReadOnlySpan<byte> study, long index)
        {
            line += study[counted..(int)index].Count((byte)'\n');
            counted = (int)index;
            return line;
        }

        // Each open container: its path, its start line, whether it is an array and the next index in it.
        var open = new Stack<(string Path, int Start, bool IsArray, int Next)>();
        string? property = null;
        var path = new StringBuilder();
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    property = reader.GetString();
                    continue;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    var closed = open.Pop();
                    map._spans[closed.Path] = (closed.Start, LineAt(study, reader.TokenStartIndex));
                    continue;
            }

            var valuePath = ChildPath(open, property, path);
            property = null;
            var start = LineAt(study, reader.TokenStartIndex);
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                open.Push((valuePath, start, reader.TokenType == JsonTokenType.StartArray, 0));
            }
            else
            {
                map._spans[valuePath] = (start, start);
            }
        }

        return map;
    }

    private static string ChildPath(Stack<(string Path, int Start, bool IsArray, int Next)> open, string? property, StringBuilder path)
    {
        if (open.Count == 0)
        {
            return string.Empty;
        }

        var parent = open.Pop();
        path.Clear().Append(parent.Path);
        if (parent.IsArray)
        {
            path.Append('[').Append(parent.Next).Append(']');
            parent.Next++;
        }
        else
        {
            path.Append(path.Length == 0 ? string.Empty : ".").Append(property);
        }

        open.Push(parent);
        return path.ToString();
    }
}
