using System.Net;
using System.Security.Cryptography;
using System.Text;
using FhirTrials.Api.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace FhirTrials.Api.Tests.Support;

/// <summary>
/// An OpenID Connect issuer for tests: Kestrel on a free loopback port serving <c>.well-known/openid-configuration</c>
/// and its JWKS (one RSA key), and tokens signed with that key, as Entra ID or a SMART authorization server would
/// issue them. The hosts under test find the key the way they would in production: from the discovery document.
/// </summary>
public sealed class TestIssuer : IAsyncDisposable
{
    public const string Audience = "api://fhirtrials-test";
    public const string OpsRole = "FhirTrials.Ops";

    private readonly RSA _rsa;
    private readonly RsaSecurityKey _key;
    private readonly WebApplication _app;

    private TestIssuer(WebApplication app, RSA rsa)
    {
        _app = app;
        _rsa = rsa;
        _key = new RsaSecurityKey(rsa) { KeyId = "test-key-1" };
    }

    /// <summary>The issuer (<c>iss</c>) and authority: <c>http://127.0.0.1:port</c>.</summary>
    public string Issuer { get; private set; } = "";

    public Uri TokenEndpoint => new(Issuer + "/token");

    /// <summary>The app settings that put a host in bearer mode with this issuer.</summary>
    public IReadOnlyDictionary<string, string> HostSettings => new Dictionary<string, string>
    {
        [AuthSettings.ModeName] = "bearer",
        [AuthSettings.AuthorityName] = Issuer,
        [AuthSettings.AudienceName] = Audience,
        [AuthSettings.TokenEndpointName] = TokenEndpoint.AbsoluteUri,
        [AuthSettings.OpsRoleName] = OpsRole,
    };

    public static async Task<TestIssuer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var issuer = new TestIssuer(app, RSA.Create(2048));
        app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = issuer.Issuer,
            ["jwks_uri"] = issuer.Issuer + "/jwks",
            ["token_endpoint"] = issuer.TokenEndpoint.AbsoluteUri,
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        }));
        app.MapGet("/jwks", () =>
        {
            var parameters = issuer._rsa.ExportParameters(includePrivateParameters: false);
            return Results.Json(new
            {
                keys = new[]
                {
                    new { kty = "RSA", use = "sig", alg = "RS256", kid = issuer._key.KeyId, n = Base64UrlEncoder.Encode(parameters.Modulus), e = Base64UrlEncoder.Encode(parameters.Exponent) },
                },
            });
        });
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        issuer.Issuer = address.TrimEnd('/');
        return issuer;
    }

    /// <summary>A signed token for a backend client with these SMART scopes (space-separated <c>scope</c>) and app roles.</summary>
    public string Token(string scopes = "", string[]? roles = null, string? audience = null, string? issuer = null, DateTime? expires = null)
    {
        var claims = new Dictionary<string, object> { ["scope"] = scopes, ["sub"] = "ehr-client-1", ["client_id"] = "ehr-client-1" };
        if (roles is { Length: > 0 })
        {
            claims["roles"] = roles;
        }

        var expiry = expires ?? DateTime.UtcNow.AddMinutes(5);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer ?? Issuer,
            Audience = audience ?? Audience,
            Claims = claims,
            IssuedAt = expiry.AddMinutes(-10),
            NotBefore = expiry.AddMinutes(-10),
            Expires = expiry,
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.RsaSha256),
        });
    }

    /// <summary>The same claims as a valid token, unsigned (<c>alg: none</c>).</summary>
    public string UnsignedToken(string scopes)
    {
        var signed = Token(scopes);
        var payload = signed.Split('.')[1];
        return Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes("{\"alg\":\"none\",\"typ\":\"JWT\"}")) + "." + payload + ".";
    }

    /// <summary>A valid token whose payload was changed after signing (a scope added), signature kept.</summary>
    public string TamperedToken(string scopes)
    {
        var parts = Token(scopes).Split('.');
        var payload = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parts[1]));
        var widened = payload.Replace(scopes, scopes + " system/*.rs", StringComparison.Ordinal);
        return parts[0] + "." + Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(widened)) + "." + parts[2];
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync().ConfigureAwait(false);
        _rsa.Dispose();
    }
}
