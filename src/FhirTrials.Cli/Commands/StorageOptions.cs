using System.CommandLine;
using FhirTrials.Storage;

namespace FhirTrials.Cli.Commands;

/// <summary>The storage options of upload and status; each falls back to the setting of the same meaning.</summary>
internal sealed class StorageOptions
{
    public Option<string> Connection { get; } = new("--connection")
    {
        Description = $"Storage connection string. Default: the {ServiceSettings.StorageConnectionName} environment variable, then \"Values\" in ./{CliSettings.FileName}, then local Azurite ({ServiceSettings.DevelopmentStorage}).",
        HelpName = "connection string",
    };

    public Option<string> Container { get; } = new("--container")
    {
        Description = $"Container the service watches for new documents. Default: {ServiceSettings.IncomingContainerName} setting, else 'incoming'.",
        HelpName = "name",
    };

    public Option<string> TablePrefix { get; } = new("--table-prefix")
    {
        Description = $"Prefix of the service's tables. Default: {ServiceSettings.TablePrefixName} setting, else 'fhirtrials'.",
        HelpName = "prefix",
    };

    public CliSettings Load(ParseResult result) =>
        CliSettings.Load(result.GetValue(Connection), result.GetValue(Container), result.GetValue(TablePrefix));
}
