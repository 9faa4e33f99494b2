using System.Security.Claims;
using FhirTrials.Api.Errors;
using FhirTrials.Api.Http;
using FhirTrials.Api.Search;
using FhirTrials.Core.Search;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;

namespace FhirTrials.Api.Auth;

/// <summary>
/// The one place that decides who may do what (docs/adr/0006), asked by the engine after routing, so every
/// interaction the router knows, including ones added later, is checked by the type it names: reads need SMART
/// <c>r</c>, searches <c>s</c>, any other interaction on a type both; one without a type (a system-level operation)
/// and the ops endpoints need the ops role. Denials are written here: 401 with <c>WWW-Authenticate: Bearer</c> from
/// the JWT bearer handler's challenge, 403 with an OperationOutcome naming the scope or role missing.
/// </summary>
public sealed class RequestAuthorizer(AuthSettings settings)
{
    /// <summary>Claims SMART scopes come in: <c>scope</c> (SMART, RFC 9068), <c>scp</c> (Entra ID delegated), and
    /// <c>roles</c> (Entra ID application permissions, the client-credentials case).</summary>
    private static readonly string[] ScopeClaims = ["scope", "scp", RoleClaim];

    public const string RoleClaim = "roles";

    public AuthSettings Settings { get; } = settings ?? throw new ArgumentNullException(nameof(settings));

    /// <returns>True when the request may go on; false when the denial has been written.</returns>
    public async Task<bool> AuthorizeAsync(HttpContext context, FhirRoute route, WireFormat format)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(route);
        if (!Settings.RequiresToken || route.Interaction is FhirInteraction.Capabilities or FhirInteraction.SmartConfiguration)
        {
            // SMART: the CapabilityStatement and smart-configuration are how a client learns where to get a token.
            return true;
        }

        if (!IsAuthenticated(context.User))
        {
            await ChallengeAsync(context, format).ConfigureAwait(false);
            return false;
        }

        if (route.ResourceType is null && route.Interaction is FhirInteraction.Export or FhirInteraction.ExportStatus
            or FhirInteraction.ExportCancel or FhirInteraction.ExportFile)
        {
            // Bulk export is an EHR's read of many types: the export endpoints ask RequireReadAsync for the types the
            // request or the job names, which only they know (_type, a POST body, the job row).
            return true;
        }

        if (route.Interaction == FhirInteraction.HistorySystem)
        {
            return await RequireReadAsync(context, SearchParameterCatalog.ResourceTypes, format).ConfigureAwait(false);
        }

        if (route.ResourceType is null)
        {
            return await RequireOpsRoleCoreAsync(context, format).ConfigureAwait(false);
        }

        if (route.ResourceType is FhirRequestRouter.SearchParameterType or FhirRequestRouter.OperationDefinitionType)
        {
            // Our own search parameter and operation definitions describe the API, as the CapabilityStatement does.
            return true;
        }

        var needed = route.Interaction switch
        {
            FhirInteraction.Read or FhirInteraction.VRead or FhirInteraction.HistoryInstance => SmartAccess.Read,
            FhirInteraction.SearchType => SmartAccess.Search,
            _ => SmartAccess.Read | SmartAccess.Search,
        };
        if (ScopesOf(context.User).Allows(route.ResourceType, needed))
        {
            return true;
        }

        await ForbidAsync(context, format, $"The token has no SMART scope to {Describe(needed)} {route.ResourceType}: it needs "
            + $"system/{route.ResourceType}.{Letters(needed)} (or system/*.{Letters(needed)}, or v1 system/{route.ResourceType}.read).").ConfigureAwait(false);
        return false;
    }

    /// <summary>
    /// Reads of every type named (a bulk export's types, at kick-off and for its status, files and cancel): a token
    /// that may read them all, so only a client that could start the same export sees the job.
    /// </summary>
    /// <returns>True when the request may go on; false when the 403 has been written.</returns>
    public async Task<bool> RequireReadAsync(HttpContext context, IEnumerable<string> types, WireFormat format)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(types);
        if (!Settings.RequiresToken)
        {
            return true;
        }

        var scopes = ScopesOf(context.User);
        var refused = types.Where(t => !scopes.Allows(t, SmartAccess.Read)).ToList();
        if (refused.Count == 0)
        {
            return true;
        }

        await ForbidAsync(context, format, $"The token has no SMART scope to read {string.Join(", ", refused)}: it needs "
            + $"system/{refused[0]}.r for each (or system/*.r, or v1 system/*.read); name fewer types with _type.").ConfigureAwait(false);
        return false;
    }

    /// <summary>The ops endpoints (ingestion log, operations that start work): an authenticated caller with the ops role.</summary>
    public async Task<bool> RequireOpsRoleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!Settings.RequiresToken)
        {
            return true;
        }

        if (!IsAuthenticated(context.User))
        {
            await ChallengeAsync(context, WireFormat.Json).ConfigureAwait(false);
            return false;
        }

        return await RequireOpsRoleCoreAsync(context, WireFormat.Json).ConfigureAwait(false);
    }

    /// <summary>
    /// The search without the <c>_include</c> targets and <c>_revinclude</c> sources the token may not see (included
    /// resources are reads of their type, reverse includes searches of theirs), each left out with a warning that the
    /// Bundle's OperationOutcome carries.
    /// </summary>
    public SearchQuery Restrict(ClaimsPrincipal user, SearchQuery query)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(query);
        if (!Settings.RequiresToken || (query.Includes.Count == 0 && query.RevIncludes.Count == 0))
        {
            return query;
        }

        var scopes = ScopesOf(user);
        var warnings = new List<string>();
        var includes = new List<IncludeSpec>();
        foreach (var spec in query.Includes)
        {
            var targets = IncludeTargets.Of(spec);
            var allowed = targets.Where(t => scopes.Allows(t, SmartAccess.Read)).ToList();
            var refused = targets.Except(allowed).ToList();
            includes.AddRange(refused.Count == 0 ? [spec] : allowed.Select(t => spec with { TargetType = t }));
            if (refused.Count > 0)
            {
                warnings.Add($"_include={spec.SourceType}:{spec.Parameter}: {string.Join(", ", refused)} left out: the token has no scope to read "
                    + $"{(refused.Count == 1 ? "it" : "them")} (system/{refused[0]}.r or system/*.r).");
            }
        }

        var revIncludes = new List<IncludeSpec>();
        foreach (var spec in query.RevIncludes)
        {
            if (scopes.Allows(spec.SourceType, SmartAccess.Search))
            {
                revIncludes.Add(spec);
            }
            else
            {
                warnings.Add($"_revinclude={spec.SourceType}:{spec.Parameter}: {spec.SourceType} left out: the token has no scope to search it "
                    + $"(system/{spec.SourceType}.s or system/*.s).");
            }
        }

        return warnings.Count == 0 ? query : query with { Includes = includes, RevIncludes = revIncludes, Warnings = [.. query.Warnings, .. warnings] };
    }

    public static SmartScopes ScopesOf(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return SmartScopes.Parse(user.Claims.Where(c => ScopeClaims.Contains(c.Type, StringComparer.Ordinal)).Select(c => c.Value));
    }

    private static bool IsAuthenticated(ClaimsPrincipal user) => user.Identity?.IsAuthenticated == true;

    private async Task<bool> RequireOpsRoleCoreAsync(HttpContext context, WireFormat format)
    {
        if (context.User.Claims.Any(c => c.Type == RoleClaim && string.Equals(c.Value, Settings.OpsRole, StringComparison.Ordinal)))
        {
            return true;
        }

        await ForbidAsync(context, format, $"This needs the ops role: the token has no '{Settings.OpsRole}' in its {RoleClaim} claim.").ConfigureAwait(false);
        return false;
    }

    /// <summary>401: the bearer handler's challenge sets <c>WWW-Authenticate</c> (with <c>error="invalid_token"</c> and
    /// the reason when a token was sent and failed); the body says the same for people.</summary>
    private static async System.Threading.Tasks.Task ChallengeAsync(HttpContext context, WireFormat format)
    {
        var result = await context.AuthenticateAsync(JwtBearerDefaults.AuthenticationScheme).ConfigureAwait(false);
        await context.ChallengeAsync(JwtBearerDefaults.AuthenticationScheme).ConfigureAwait(false);
        var message = result.Failure is { } failure
            ? "The bearer token was refused: " + FirstSentence(failure.Message)
            : "This needs a bearer token (Authorization: Bearer ...); see the CapabilityStatement or .well-known/smart-configuration for where to get one.";
        await ResourceResponses.WriteAsync(context, StatusCodes.Status401Unauthorized, OperationOutcomes.Error(OperationOutcome.IssueType.Login, message), format).ConfigureAwait(false);
    }

    private static System.Threading.Tasks.Task ForbidAsync(HttpContext context, WireFormat format, string message) =>
        ResourceResponses.WriteAsync(context, StatusCodes.Status403Forbidden, OperationOutcomes.Error(OperationOutcome.IssueType.Forbidden, message), format);

    /// <summary>Token validation messages go on with key ids and configuration dumps; the first sentence is the reason.</summary>
    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end > 0 ? message[..(end + 1)] : message;
    }

    private static string Describe(SmartAccess access) => access switch
    {
        SmartAccess.Read => "read",
        SmartAccess.Search => "search",
        _ => "read and search",
    };

    private static string Letters(SmartAccess access) => (access.HasFlag(SmartAccess.Read) ? "r" : "") + (access.HasFlag(SmartAccess.Search) ? "s" : "");
}
