using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;

namespace FhirTrials.Api.Auth;

/// <summary>
/// How the server declares its security to SMART clients (SMART App Launch 2.x, Conformance): the CapabilityStatement's
/// <c>rest.security</c> (service SMART-on-FHIR, the oauth-uris extension with the token endpoint) and the
/// <c>.well-known/smart-configuration</c> document, both served without a token.
/// </summary>
public static class SmartSecurity
{
    public const string OAuthUrisExtension = "http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris";
    public const string ServiceSystem = "http://terminology.hl7.org/CodeSystem/restful-security-service";
    public const string SmartOnFhir = "SMART-on-FHIR";

    private static readonly string[] ScopesSupported =
        ["system/*.rs", "system/*.read", .. Core.Search.SearchParameterCatalog.ResourceTypes.Select(t => $"system/{t}.rs")];

    /// <summary>null with mode none: the server asks for nothing, and says nothing it does not enforce.</summary>
    public static CapabilityStatement.SecurityComponent? CapabilityFor(AuthSettings? settings)
    {
        if (settings is not { RequiresToken: true, TokenEndpoint: { } token })
        {
            return null;
        }

        var uris = new Extension { Url = OAuthUrisExtension };
        uris.Extension.Add(new Extension("token", new FhirUri(token.AbsoluteUri)));
        return new CapabilityStatement.SecurityComponent
        {
            Extension = [uris],
            Service = [new CodeableConcept(ServiceSystem, SmartOnFhir, "OAuth2 using SMART-on-FHIR profile (see http://docs.smarthealthit.org)")],
            Description = new Markdown("SMART Backend Services: a bearer token from the token endpoint. Reads and searches need system-level "
                + "SMART scopes per resource type (v2 system/ResearchStudy.rs or system/*.rs; v1 system/*.read accepted); _include and _revinclude "
                + "leave out types the token may not see, with a warning. The ingestion log needs the '" + settings.OpsRole + "' app role."),
        };
    }

    /// <summary>The SMART configuration document, or a 404 OperationOutcome with mode none.</summary>
    public static async System.Threading.Tasks.Task WriteConfigurationAsync(HttpContext context, AuthSettings? settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (settings is not { RequiresToken: true, TokenEndpoint: { } token })
        {
            throw Errors.FhirException.NotFound("This server takes no tokens (AuthMode none, development storage): there is no SMART configuration.");
        }

        var document = new Dictionary<string, object?>
        {
            ["issuer"] = settings.Authority?.OriginalString,
            ["token_endpoint"] = token.AbsoluteUri,
            ["grant_types_supported"] = new[] { "client_credentials" },
            ["token_endpoint_auth_methods_supported"] = new[] { "private_key_jwt", "client_secret_post", "client_secret_basic" },
            ["token_endpoint_auth_signing_alg_values_supported"] = new[] { "RS384", "ES384", "RS256" },
            ["scopes_supported"] = ScopesSupported,
            ["capabilities"] = new[] { "client-confidential-asymmetric", "permission-v1", "permission-v2" },
        };
        context.Response.Headers.CacheControl = "public, max-age=3600";
        await context.Response.WriteAsJsonAsync(document, context.RequestAborted).ConfigureAwait(false);
    }
}
