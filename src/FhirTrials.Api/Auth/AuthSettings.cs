using FhirTrials.Storage;

namespace FhirTrials.Api.Auth;

public enum AuthMode
{
    /// <summary>Everyone may call everything: only with development storage (a laptop, the tests).</summary>
    None,

    /// <summary>Bearer tokens of an OpenID Connect authority, validated by the ASP.NET Core JWT bearer handler.</summary>
    Bearer,
}

/// <summary>
/// Who may call what (docs/adr/0006), read by flat names like <see cref="ApiSettings"/>. The mode defaults to
/// <see cref="AuthMode.None"/> on development storage and to <see cref="AuthMode.Bearer"/> elsewhere, and
/// <see cref="AuthMode.None"/> is refused outside development storage, so a deployment cannot start open by omission.
/// </summary>
public sealed record AuthSettings
{
    public const string ModeName = "AuthMode";
    public const string AuthorityName = "AuthAuthority";
    public const string AudienceName = "AuthAudience";
    public const string OpsRoleName = "AuthOpsRole";
    public const string TokenEndpointName = "AuthTokenEndpoint";

    public const string DefaultOpsRole = "FhirTrials.Ops";

    public static readonly AuthSettings None = new();

    public AuthMode Mode { get; init; } = AuthMode.None;

    /// <summary>The OpenID Connect issuer whose <c>.well-known/openid-configuration</c> names the signing keys
    /// (Entra ID: <c>https://login.microsoftonline.com/{tenant}/v2.0</c>).</summary>
    public Uri? Authority { get; init; }

    /// <summary>Accepted <c>aud</c> values (Entra ID: the application ID URI and the client id).</summary>
    public IReadOnlyList<string> Audiences { get; init; } = [];

    /// <summary>The app role (<c>roles</c> claim) that may read the ingestion log and start work.</summary>
    public string OpsRole { get; init; } = DefaultOpsRole;

    /// <summary>Where clients get tokens, declared in the CapabilityStatement and the SMART configuration.</summary>
    public Uri? TokenEndpoint { get; init; }

    public bool RequiresToken => Mode == AuthMode.Bearer;

    /// <exception cref="InvalidOperationException">A setting is missing or invalid, or mode none is asked for (or
    /// left as default) on storage that is not development storage.</exception>
    public static AuthSettings From(Func<string, string?> lookup, ServiceSettings storage)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        ArgumentNullException.ThrowIfNull(storage);
        var development = DevelopmentStorage.Recognizes(storage);
        var modeText = lookup(ModeName);
        var mode = string.IsNullOrWhiteSpace(modeText) ? (development ? AuthMode.None : AuthMode.Bearer)
            : Enum.TryParse<AuthMode>(modeText, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !modeText.Trim().All(char.IsAsciiDigit) ? parsed
            : throw new InvalidOperationException($"{ModeName} must be 'none' or 'bearer', not '{modeText}'.");
        if (mode == AuthMode.None)
        {
            return development
                ? None
                : throw new InvalidOperationException(
                    $"{ModeName} 'none' (anyone may read everything) is only allowed with development storage; this storage is not. "
                    + $"Set {ModeName}=bearer with {AuthorityName}, {AudienceName} and {TokenEndpointName} (docs/api.md, Security).");
        }

        var audiences = (lookup(AudienceName) ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new AuthSettings
        {
            Mode = AuthMode.Bearer,
            Authority = RequiredUri(lookup, AuthorityName),
            Audiences = audiences.Length > 0 ? audiences : throw Missing(AudienceName),
            OpsRole = string.IsNullOrWhiteSpace(lookup(OpsRoleName)) ? DefaultOpsRole : lookup(OpsRoleName)!.Trim(),
            TokenEndpoint = RequiredUri(lookup, TokenEndpointName),
        };
    }

    private static Uri RequiredUri(Func<string, string?> lookup, string name)
    {
        var text = lookup(name);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw Missing(name);
        }

        // Plain http only to this machine (a local issuer in tests and development): keys and tokens travel over it.
        return Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback))
            ? uri
            : throw new InvalidOperationException($"{name} must be an absolute https URL (http only on loopback), not '{text}'.");
    }

    private static InvalidOperationException Missing(string name) =>
        new($"{ModeName} is bearer but {name} is not set (docs/api.md, Security).");
}
