using Azure.Core;
using Azure.Identity;
using FhirTrials.Cli.Failures;

namespace FhirTrials.Cli.Service;

/// <summary>
/// The bearer token the CLI sends where the service (or storage) asks for one: <c>--token</c> or the
/// <see cref="TokenVariable"/> environment variable as given, or, with a scope (<c>--token-scope</c> or
/// <see cref="ScopeVariable"/>), one from Microsoft Entra ID through Azure.Identity (Azure CLI login, managed identity,
/// environment credentials: <c>DefaultAzureCredential</c>). Neither: no token, as against AuthMode none.
/// </summary>
internal sealed record ServiceToken(string? Token, string? Scope)
{
    public const string TokenVariable = "FHIRTRIALS_TOKEN";
    public const string ScopeVariable = "FHIRTRIALS_TOKEN_SCOPE";

    public static ServiceToken From(string? token, string? scope) => new(
        NonEmpty(token) ?? NonEmpty(Environment.GetEnvironmentVariable(TokenVariable)),
        NonEmpty(scope) ?? NonEmpty(Environment.GetEnvironmentVariable(ScopeVariable)));

    public bool IsEmpty => Token is null && Scope is null;

    /// <returns>The token, or null when none was asked for.</returns>
    public async Task<string?> GetAsync(CancellationToken cancellationToken)
    {
        if (Token is not null || Scope is null)
        {
            return Token;
        }

        try
        {
            var token = await new DefaultAzureCredential().GetTokenAsync(new TokenRequestContext([Scope]), cancellationToken).ConfigureAwait(false);
            return token.Token;
        }
        catch (AuthenticationFailedException e)
        {
            throw new CliException(ExitCodes.AccessDenied,
                $"no token for scope '{Scope}' from Microsoft Entra ID ({FirstLine(e.Message)}): sign in with 'az login', or give --token.", e);
        }
    }

    /// <summary>A fixed token or Entra ID as an Azure SDK credential, for storage reached by URL.</summary>
    public TokenCredential? Credential() =>
        Token is not null ? new StaticToken(Token) : Scope is not null ? new DefaultAzureCredential() : null;

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>A token the user already has; its lifetime is theirs to manage.</summary>
    private sealed class StaticToken(string token) : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new(token, DateTimeOffset.UtcNow.AddMinutes(5));

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
