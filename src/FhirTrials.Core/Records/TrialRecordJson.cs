using System.Text.Json;
using System.Text.Json.Serialization;

namespace FhirTrials.Core.Records;

/// <summary>
/// The one JSON form of a trial record, shared by the CLI, tests and storage: camelCase, enums as their names,
/// nulls and empty lists omitted, indented.
/// </summary>
public static class TrialRecordJson
{
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    public static string Serialize(TrialRecord record) => JsonSerializer.Serialize(record, Options);

    public static string Serialize(IEnumerable<TrialRecord> records) => JsonSerializer.Serialize(records, Options);

    public static TrialRecord? Deserialize(string json) => JsonSerializer.Deserialize<TrialRecord>(json, Options);

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            WriteIndented = true,
            // The record's lists and parts are get-only: reading fills them in place.
            PreferredObjectCreationHandling = JsonObjectCreationHandling.Populate,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver
            {
                Modifiers = { OmitEmptyCollections },
            },
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly();
        return options;
    }

    // Collections are never null on the record; an empty one says nothing, so it is left out like a null.
    private static void OmitEmptyCollections(System.Text.Json.Serialization.Metadata.JsonTypeInfo type)
    {
        foreach (var property in type.Properties)
        {
            if (property.PropertyType != typeof(string) && typeof(System.Collections.ICollection).IsAssignableFrom(property.PropertyType))
            {
                property.ShouldSerialize = (_, value) => value is System.Collections.ICollection { Count: > 0 };
            }
        }
    }
}
