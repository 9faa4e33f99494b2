using System.Text.Json;
using FhirTrials.Storage;

namespace FhirTrials.Cli;

/// <summary>
/// Settings for the storage commands, by the hosts' names: a flag wins, then the environment, then the "Values" of a
/// local.settings.json in the current folder, then the defaults (local Azurite).
/// </summary>
internal static class CliSettings
{
    public static ServiceSettings Load(IReadOnlyDictionary<string, string> flags)
    {
        var local = ReadLocalSettings(Path.Combine(Environment.CurrentDirectory, "local.settings.json"));
        var settings = ServiceSettings.From(name =>
            Environment.GetEnvironmentVariable(name) ?? local.GetValueOrDefault(name));
        return settings with
        {
            StorageConnection = flags.GetValueOrDefault("connection") ?? settings.StorageConnection,
            IncomingContainer = flags.GetValueOrDefault("container") ?? settings.IncomingContainer,
        };
    }

    private static Dictionary<string, string> ReadLocalSettings(string path)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (!File.Exists(path))
        {
            return values;
        }

        using var json = JsonDocument.Parse(File.ReadAllText(path));
        if (json.RootElement.TryGetProperty("Values", out var section) && section.ValueKind == JsonValueKind.Object)
        {
            foreach (var setting in section.EnumerateObject().Where(s => s.Value.ValueKind == JsonValueKind.String))
            {
                values[setting.Name] = setting.Value.GetString()!;
            }
        }

        return values;
    }
}
