using System.Globalization;
using System.Text.Json;
using FhirTrials.Cli.Failures;
using FhirTrials.Storage;

namespace FhirTrials.Cli;

/// <summary>
/// Settings for the storage commands, by the hosts' names: a flag wins, then the environment, then the "Values" of a
/// local.settings.json in the current folder, then the defaults (local Azurite). <see cref="ConnectionSource"/> says
/// where the connection came from, so an error about it can name the place to fix.
/// </summary>
internal sealed record CliSettings(ServiceSettings Service, string ConnectionSource)
{
    public const string FileName = "local.settings.json";

    public static CliSettings Load(string? connection, string? container, string? tablePrefix)
    {
        var path = Path.Combine(Environment.CurrentDirectory, FileName);
        var local = ReadLocalSettings(path);
        var settings = ServiceSettings.From(name => Environment.GetEnvironmentVariable(name) ?? local.GetValueOrDefault(name));
        var source = connection is not null ? "--connection"
            : !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(ServiceSettings.StorageConnectionName)) ? $"the environment variable {ServiceSettings.StorageConnectionName}"
            : local.ContainsKey(ServiceSettings.StorageConnectionName) ? $"{ServiceSettings.StorageConnectionName} in {path}"
            : $"the default ({ServiceSettings.DevelopmentStorage})";
        return new CliSettings(
            settings with
            {
                StorageConnection = connection ?? settings.StorageConnection,
                IncomingContainer = container ?? settings.IncomingContainer,
                TablePrefix = tablePrefix ?? settings.TablePrefix,
            },
            source);
    }

    /// <summary>The "Values" strings of the file; a file that is not valid JSON is named with its line and column.</summary>
    internal static Dictionary<string, string> ReadLocalSettings(string path)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (!File.Exists(path))
        {
            return values;
        }

        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            var line = (e.LineNumber ?? 0) + 1;
            var column = (e.BytePositionInLine ?? 0) + 1;
            throw new CliException(ExitCodes.Settings, string.Create(CultureInfo.InvariantCulture,
                $"{path}:{line}:{column}: not valid JSON ({Reason(e)}). Fix that line, or move the file away to use the environment and flags."), e);
        }
        catch (IOException e)
        {
            throw new CliException(ExitCodes.Settings, $"{path}: cannot be read ({e.Message}).", e);
        }

        using (json)
        {
            if (json.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new CliException(ExitCodes.Settings, $"{path}: expected a JSON object with a \"Values\" object (see local.settings.sample.json).");
            }

            if (!json.RootElement.TryGetProperty("Values", out var section))
            {
                return values;
            }

            if (section.ValueKind != JsonValueKind.Object)
            {
                throw new CliException(ExitCodes.Settings, $"{path}: \"Values\" must be an object of setting names and strings (see local.settings.sample.json).");
            }

            foreach (var setting in section.EnumerateObject().Where(s => s.Value.ValueKind == JsonValueKind.String))
            {
                values[setting.Name] = setting.Value.GetString()!;
            }
        }

        return values;
    }

    /// <summary>The parser's own words without its "LineNumber: ... | BytePositionInLine: ..." tail, which we print as path:line:column.</summary>
    private static string Reason(JsonException e)
    {
        var message = e.Message;
        var tail = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (tail > 0 ? message[..tail] : message).TrimEnd('.', ' ');
    }
}
