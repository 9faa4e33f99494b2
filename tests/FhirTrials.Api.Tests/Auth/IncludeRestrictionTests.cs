using System.Security.Claims;
using FhirTrials.Api.Auth;
using FhirTrials.Api.Search;

namespace FhirTrials.Api.Tests.Auth;

/// <summary>How <see cref="RequestAuthorizer.Restrict"/> narrows includes to what the token may see.</summary>
public sealed class IncludeRestrictionTests
{
    private static readonly RequestAuthorizer Bearer = new(new AuthSettings
    {
        Mode = AuthMode.Bearer,
        Authority = new Uri("https://issuer.example.org"),
        Audiences = ["api://fhirtrials"],
        TokenEndpoint = new Uri("https://issuer.example.org/token"),
    });

    [Fact]
    public void An_include_with_several_targets_keeps_the_permitted_ones_and_names_the_others()
    {
        var query = Parse(("_include", "ResearchStudy:principalinvestigator"));

        var restricted = Bearer.Restrict(User("system/ResearchStudy.rs system/Practitioner.r"), query);

        var include = Assert.Single(restricted.Includes);
        Assert.Equal("Practitioner", include.TargetType);
        Assert.Contains(restricted.Warnings, w => w.Contains("PractitionerRole left out", StringComparison.Ordinal));
    }

    [Fact]
    public void Includes_the_token_may_all_see_are_left_as_asked()
    {
        var query = Parse(("_include", "ResearchStudy:principalinvestigator"), ("_revinclude", "Provenance:target"));

        var restricted = Bearer.Restrict(User("system/*.rs"), query);

        Assert.Same(query, restricted);
    }

    [Fact]
    public void Mode_none_restricts_nothing()
    {
        var query = Parse(("_include", "ResearchStudy:protocol"));

        Assert.Same(query, new RequestAuthorizer(AuthSettings.None).Restrict(new ClaimsPrincipal(), query));
    }

    [Fact]
    public void Scopes_given_as_Entra_app_roles_count()
    {
        var query = Parse(("_include", "ResearchStudy:protocol"));
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim("roles", "system.ResearchStudy.rs"), new Claim("roles", "system.PlanDefinition.rs")], "Bearer"));

        Assert.Same(query, Bearer.Restrict(user, query));
    }

    private static SearchQuery Parse(params (string Name, string Value)[] parameters) =>
        SearchQueryParser.Parse("ResearchStudy", parameters.Select(p => new KeyValuePair<string, string>(p.Name, p.Value)).ToList(), strict: false);

    private static ClaimsPrincipal User(string scopes) => new(new ClaimsIdentity([new Claim("scope", scopes)], "Bearer"));
}
