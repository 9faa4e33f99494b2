using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;

namespace FhirTrials.Api.Auth;

/// <summary>
/// Token validation both hosts put in front of the engine (the Functions app through its ASP.NET Core integration):
/// the ASP.NET Core JWT bearer handler, keys and issuer from the authority's OpenID Connect metadata. Authentication
/// only reads the token; what a caller may do is decided by <see cref="RequestAuthorizer"/>, inside the request
/// each function serves (a middleware answering alone would leave the Functions invocation waiting for it).
/// </summary>
public static class AuthPipeline
{
    /// <summary>Asymmetric signatures only: a shared-secret (HS*) or unsigned (<c>alg: none</c>) token never counts.</summary>
    public static readonly IReadOnlyList<string> Algorithms =
    [
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384, SecurityAlgorithms.RsaSsaPssSha512,
        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512,
    ];

    /// <summary>Clock difference tolerated on <c>exp</c> and <c>nbf</c>: a minute, not the handler's default five.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(1);

    public static IServiceCollection AddFhirTrialsAuth(this IServiceCollection services, AuthSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        services.AddSingleton(settings);
        services.AddSingleton<RequestAuthorizer>();
        if (!settings.RequiresToken)
        {
            return services;
        }

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(options =>
        {
            options.Authority = settings.Authority!.OriginalString;
            options.RequireHttpsMetadata = settings.Authority.Scheme == Uri.UriSchemeHttps;
            // Keep claim names as the token has them (roles, scope, scp), not mapped to WS-* URIs.
            options.MapInboundClaims = false;
            options.TokenValidationParameters = new TokenValidationParameters
            {
                ValidateIssuer = true,
                ValidateAudience = true,
                ValidAudiences = settings.Audiences,
                ValidateLifetime = true,
                RequireExpirationTime = true,
                RequireSignedTokens = true,
                ValidateIssuerSigningKey = true,
                ValidAlgorithms = Algorithms,
                ClockSkew = ClockSkew,
                RoleClaimType = RequestAuthorizer.RoleClaim,
                NameClaimType = "sub",
            };
        });
        return services;
    }

    /// <summary>Reads the bearer token of each request into <c>HttpContext.User</c>; with mode none, says so loudly once.</summary>
    public static IApplicationBuilder UseFhirTrialsAuth(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.ApplicationServices.GetService<AuthSettings>() is not { } settings)
        {
            return app;
        }

        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AuthPipeline).FullName!);
        if (!settings.RequiresToken)
        {
            logger.LogWarning("AuthMode is none: ANY caller may read every resource and the ingestion log. Allowed only because storage is the local emulator; set AuthMode=bearer for anything else.");
            return app;
        }

        logger.LogInformation("Bearer tokens from {Authority} for audience {Audience}; ops role {Role}", settings.Authority, string.Join(", ", settings.Audiences), settings.OpsRole);
        return app.UseAuthentication();
    }
}
