using System.CommandLine;
using FhirTrials.Cli.Service;

namespace FhirTrials.Cli.Commands;

/// <summary>The token options of status and upload (<see cref="ServiceToken"/>).</summary>
internal sealed class ServiceOptions
{
    public Option<string> Token { get; } = new("--token")
    {
        Description = $"Bearer token to send (the service for status --service; storage for upload to an account URL). Default: the {ServiceToken.TokenVariable} environment variable.",
        HelpName = "jwt",
    };

    public Option<string> TokenScope { get; } = new("--token-scope")
    {
        Description = $"Get the token from Microsoft Entra ID (az login, managed identity) for this scope, e.g. api://fhirtrials/.default. Default: the {ServiceToken.ScopeVariable} environment variable.",
        HelpName = "scope",
    };

    public ServiceToken Load(ParseResult result) => ServiceToken.From(result.GetValue(Token), result.GetValue(TokenScope));
}
