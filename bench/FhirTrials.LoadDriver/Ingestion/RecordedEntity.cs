using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;

namespace FhirTrials.LoadDriver.Ingestion;

/// <summary>
/// Turns an entity body as the Tables SDK sent it (JSON with <c>@odata.type</c> annotations) back into a
/// <see cref="TableEntity"/> with the same properties in the same order, so the baseline's SDK serialises the same bytes.
/// </summary>
internal static class RecordedEntity
{
    private const string TypeSuffix = "@odata.type";

    public static TableEntity Parse(ReadOnlySpan<byte> json, string? partitionKey = null, string? rowKey = null)
    {
        using var document = JsonDocument.Parse(json.ToArray());
        var root = document.RootElement;
        var entity = new TableEntity();
        foreach (var property in root.EnumerateObject())
        {
            if (property.Name.EndsWith(TypeSuffix, StringComparison.Ordinal) || property.Name.StartsWith("odata.", StringComparison.Ordinal))
            {
                continue;
            }

            var type = root.TryGetProperty(property.Name + TypeSuffix, out var annotation) ? annotation.GetString() : null;
            entity[property.Name] = Value(property.Value, type);
        }

        // Point writes name their keys in the URL too; the body has them as well, but the URL is what was addressed.
        entity.PartitionKey = partitionKey ?? entity.PartitionKey;
        entity.RowKey = rowKey ?? entity.RowKey;
        return entity;
    }

    public static TableEntity Parse(string json, string? partitionKey = null, string? rowKey = null) =>
        Parse(Encoding.UTF8.GetBytes(json), partitionKey, rowKey);

    private static object? Value(JsonElement value, string? type) => type switch
    {
        "Edm.Binary" => value.GetBytesFromBase64(),
        "Edm.DateTime" => DateTimeOffset.Parse(value.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
        "Edm.Int64" => long.Parse(value.GetString()!, CultureInfo.InvariantCulture),
        "Edm.Guid" => Guid.Parse(value.GetString()!, CultureInfo.InvariantCulture),
        "Edm.Double" => value.ValueKind == JsonValueKind.String
            ? double.Parse(value.GetString()!, CultureInfo.InvariantCulture)
            : value.GetDouble(),
        _ => value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Null => null,
            JsonValueKind.Number when value.TryGetInt32(out var number) => number,
            JsonValueKind.Number => value.GetDouble(),
            _ => throw new InvalidDataException($"Unexpected JSON {value.ValueKind} in a recorded entity."),
        },
    };
}
