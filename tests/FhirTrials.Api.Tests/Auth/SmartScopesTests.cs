using FhirTrials.Api.Auth;

namespace FhirTrials.Api.Tests.Auth;

public sealed class SmartScopesTests
{
    [Theory]
    [InlineData("system/ResearchStudy.rs", "ResearchStudy", SmartAccess.Read | SmartAccess.Search)]
    [InlineData("system/ResearchStudy.r", "ResearchStudy", SmartAccess.Read)]
    [InlineData("system/ResearchStudy.s", "ResearchStudy", SmartAccess.Search)]
    [InlineData("system/ResearchStudy.cruds", "ResearchStudy", SmartAccess.Read | SmartAccess.Search)]
    [InlineData("system/*.rs", "*", SmartAccess.Read | SmartAccess.Search)]
    [InlineData("system/*.read", "*", SmartAccess.Read | SmartAccess.Search)]
    [InlineData("system/Organization.read", "Organization", SmartAccess.Read | SmartAccess.Search)]
    [InlineData("system/*.*", "*", SmartAccess.Read | SmartAccess.Search)]
    [InlineData("system.ResearchStudy.rs", "ResearchStudy", SmartAccess.Read | SmartAccess.Search)]
    [InlineData("system.all.read", "*", SmartAccess.Read | SmartAccess.Search)]
    public void A_system_scope_grants_read_and_search_as_its_permissions_say(string scope, string type, SmartAccess access)
    {
        Assert.True(SmartScopes.TryParse(scope, out var parsedType, out var parsedAccess));
        Assert.Equal(type, parsedType);
        Assert.Equal(access, parsedAccess);
    }

    [Theory]
    [InlineData("patient/ResearchStudy.rs")]
    [InlineData("user/*.read")]
    [InlineData("system/ResearchStudy.sr")]
    [InlineData("system/ResearchStudy.rr")]
    [InlineData("system/ResearchStudy.cud")]
    [InlineData("system/ResearchStudy.write")]
    [InlineData("system/ResearchStudy.rs?status=active")]
    [InlineData("system/researchstudy.rs")]
    [InlineData("system/.rs")]
    [InlineData("system/ResearchStudy")]
    [InlineData("openid")]
    [InlineData("FhirTrials.Ops")]
    public void A_scope_that_is_not_a_plain_system_read_or_search_grants_nothing(string scope)
    {
        Assert.False(SmartScopes.TryParse(scope, out _, out _));
    }

    [Fact]
    public void Scopes_add_up_per_type_and_the_wildcard_covers_every_type()
    {
        var scopes = SmartScopes.Parse(["system/ResearchStudy.r system/ResearchStudy.s", "system/*.r"]);

        Assert.True(scopes.Allows("ResearchStudy", SmartAccess.Read | SmartAccess.Search));
        Assert.True(scopes.Allows("PlanDefinition", SmartAccess.Read));
        Assert.False(scopes.Allows("PlanDefinition", SmartAccess.Search));
    }

    [Fact]
    public void No_scopes_allow_nothing()
    {
        Assert.False(SmartScopes.Parse([]).Allows("ResearchStudy", SmartAccess.Read));
    }
}
