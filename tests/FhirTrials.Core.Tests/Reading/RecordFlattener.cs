using System.Globalization;
using System.Text;
using System.Text.Json;
using FhirTrials.Core.Records;

namespace FhirTrials.Core.Tests.Reading;

/// <summary>
/// Flattens a trial record into one "path: value" line per field (in the record's JSON form), so an expectation
/// file lists every value and a mismatch shows as a readable line diff. Provenance and the content hash are left
/// out: they are checked by their own tests.
/// </summary>
public static class RecordFlattener
{
    private static readonly HashSet<string> Skipped = ["provenance", "source.contentHash", "source.readerVersion"];

    public static string Flatten(TrialRecord record)
    {
        var json = JsonSerializer.SerializeToElement(record, TrialRecordJson.Options);
        var output = new StringBuilder();
        Walk(json, string.Empty, output);
        return output.ToString();
    }

    public static string Flatten(IEnumerable<TrialRecord> records)
    {
        var output = new StringBuilder();
        var index = 0;
        foreach (var record in records)
        {
            output.Append("# record ").Append(index++).Append('\n').Append(Flatten(record));
        }

        return output.ToString();
    }

    private static void Walk(JsonElement element, string path, StringBuilder output)
    {
        if (Skipped.Contains(path))
        {
            return;
        }

        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Walk(property.Value, path.Length == 0 ? property.Name : $"{path}.{property.Name}", output);
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Walk(item, string.Create(CultureInfo.InvariantCulture, $"{path}[{index++}]"), output);
                }

                break;
            case JsonValueKind.String:
                output.Append(path).Append(": ").Append(element.GetString()!.Replace("\n", "\\n", StringComparison.Ordinal)).Append('\n');
                break;
            default:
                output.Append(path).Append(": ").Append(element.GetRawText()).Append('\n');
                break;
        }
    }
}
