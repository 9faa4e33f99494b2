using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Azure.Data.Tables;

namespace FhirTrials.LoadDriver.Archive;

/// <summary>
/// The rows and payload blobs our run left, rebuilt from its accepted writes (<see cref="WriteCapture"/>) in the order
/// the service answered them, with the service's semantics: an insert or replace sets the row, a merge overlays its
/// properties on the row (or sets it when there was none), a delete removes it. Rows are kept as the JSON they were sent
/// as (properties with their <c>@odata.type</c> annotations): a few hundred bytes each, not a TableEntity's dictionary.
/// </summary>
internal sealed partial class FinalRows
{
    /// <summary>Table (without the run's prefix) -> partition key -> row key -> the row's JSON.</summary>
    public SortedDictionary<string, Dictionary<string, Dictionary<string, byte[]>>> Tables { get; } = new(StringComparer.Ordinal);

    /// <summary>Container (without the run's prefix) and blob name -> content.</summary>
    public Dictionary<(string Container, string Name), byte[]> Blobs { get; } = [];

    public long RowCount => Tables.Values.Sum(t => t.Values.Sum(p => (long)p.Count));

    /// <summary>Replays <paramref name="writes"/> to tables and containers named with <paramref name="prefix"/> (others are ignored).</summary>
    public static FinalRows Replay(IEnumerable<CapturedWrite> writes, string prefix)
    {
        ArgumentNullException.ThrowIfNull(writes);
        var rows = new FinalRows();
        foreach (var write in writes)
        {
            var segments = write.Uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
            if (segments.Length >= 3)
            {
                rows.ApplyBlob(write, segments, prefix.ToLowerInvariant());
            }
            else if (segments.Length == 2 && segments[1] == "$batch")
            {
                foreach (var operation in Operations(write.Body))
                {
                    rows.ApplyRow(operation, prefix);
                }
            }
            else
            {
                rows.ApplyRow(write, prefix);
            }
        }

        return rows;
    }

    /// <summary>The row as a TableEntity, each property with the type it was sent with.</summary>
    public static TableEntity Entity(string partitionKey, string rowKey, byte[] json)
    {
        var entity = new TableEntity(partitionKey, rowKey);
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        foreach (var property in root.EnumerateObject())
        {
            if (property.Name is "PartitionKey" or "RowKey" || property.Name.Contains('@', StringComparison.Ordinal) || property.Name.StartsWith("odata.", StringComparison.Ordinal))
            {
                continue;
            }

            var type = root.TryGetProperty(property.Name + "@odata.type", out var annotation) ? annotation.GetString() : null;
            entity[property.Name] = Value(property.Value, type);
        }

        return entity;
    }

    private static object? Value(JsonElement value, string? type) => type switch
    {
        _ when value.ValueKind == JsonValueKind.Null => null,
        "Edm.Int64" => long.Parse(value.GetString()!, CultureInfo.InvariantCulture),
        "Edm.DateTime" => DateTimeOffset.Parse(value.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
        "Edm.Binary" => Convert.FromBase64String(value.GetString()!),
        "Edm.Guid" => Guid.Parse(value.GetString()!, CultureInfo.InvariantCulture),
        "Edm.Double" => value.ValueKind == JsonValueKind.String ? double.Parse(value.GetString()!, CultureInfo.InvariantCulture) : value.GetDouble(),
        _ => value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number when value.TryGetInt32(out var number) => number,
            JsonValueKind.Number => value.GetDouble(),
            _ => value.GetRawText(),
        },
    };

    private void ApplyRow(CapturedWrite write, string prefix)
    {
        var target = Uri.UnescapeDataString(write.Uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries)[^1]);
        var keyed = KeyedRow().Match(target);
        var table = keyed.Success ? keyed.Groups["table"].Value : target;
        if (!table.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        string partitionKey, rowKey;
        if (keyed.Success)
        {
            (partitionKey, rowKey) = (Unquote(keyed.Groups["pk"].Value), Unquote(keyed.Groups["rk"].Value));
        }
        else
        {
            using var document = JsonDocument.Parse(write.Body);
            (partitionKey, rowKey) = (document.RootElement.GetProperty("PartitionKey").GetString()!, document.RootElement.GetProperty("RowKey").GetString()!);
        }

        var partitions = Tables.TryGetValue(table[prefix.Length..], out var found) ? found : Tables[table[prefix.Length..]] = new(StringComparer.Ordinal);
        var partition = partitions.TryGetValue(partitionKey, out var rows) ? rows : partitions[partitionKey] = new(StringComparer.Ordinal);
        switch (write.Method)
        {
            case "DELETE":
                partition.Remove(rowKey);
                break;
            case "MERGE" or "PATCH" when partition.TryGetValue(rowKey, out var existing):
                partition[rowKey] = Merge(existing, write.Body);
                break;
            default:
                partition[rowKey] = write.Body;
                break;
        }
    }

    private void ApplyBlob(CapturedWrite write, string[] segments, string prefix)
    {
        if (!segments[1].StartsWith(prefix, StringComparison.Ordinal))
        {
            return;
        }

        var key = (segments[1][prefix.Length..], Uri.UnescapeDataString(string.Join('/', segments[2..])));
        if (write.Method == "DELETE")
        {
            Blobs.Remove(key);
        }
        else
        {
            Blobs[key] = write.Body;
        }
    }

    /// <summary>The merge's properties over the row's; a property sent without a type annotation loses the old one.</summary>
    private static byte[] Merge(byte[] row, byte[] merge)
    {
        var merged = JsonNode.Parse(row)!.AsObject();
        foreach (var (name, value) in JsonNode.Parse(merge)!.AsObject())
        {
            if (!name.Contains('@', StringComparison.Ordinal))
            {
                merged.Remove(name + "@odata.type");
            }

            merged[name] = value?.DeepClone();
        }

        return JsonSerializer.SerializeToUtf8Bytes(merged);
    }

    /// <summary>
    /// The operations of a transaction's multipart body: in each changeset part, the request line
    /// (<c>METHOD absolute-URI HTTP/1.1</c>), headers, a blank line and the entity's JSON (none for a delete).
    /// </summary>
    public static IEnumerable<CapturedWrite> Operations(byte[] body)
    {
        var text = Encoding.UTF8.GetString(body);
        foreach (Match request in RequestLine().Matches(text))
        {
            var headersEnd = text.IndexOf("\r\n\r\n", request.Index, StringComparison.Ordinal);
            var next = text.IndexOf("\r\n--", headersEnd < 0 ? request.Index : headersEnd, StringComparison.Ordinal);
            var json = headersEnd < 0 || next < 0 ? "" : text[(headersEnd + 4)..next].Trim();
            yield return new CapturedWrite(request.Groups["method"].Value, new Uri(request.Groups["uri"].Value), Encoding.UTF8.GetBytes(json));
        }
    }

    /// <summary>OData doubles a quote inside a quoted key.</summary>
    private static string Unquote(string key) => key.Replace("''", "'", StringComparison.Ordinal);

    [GeneratedRegex(@"^(?<table>[^(]+)\(PartitionKey='(?<pk>(?:[^']|'')*)',RowKey='(?<rk>(?:[^']|'')*)'\)$")]
    private static partial Regex KeyedRow();

    [GeneratedRegex(@"^(?<method>POST|PUT|PATCH|MERGE|DELETE) (?<uri>\S+) HTTP/1\.1\r?$", RegexOptions.Multiline)]
    private static partial Regex RequestLine();
}
