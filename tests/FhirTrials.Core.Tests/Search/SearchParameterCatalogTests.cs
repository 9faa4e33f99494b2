using FhirTrials.Core.Search;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace FhirTrials.Core.Tests.Search;

public sealed class SearchParameterCatalogTests
{
    [Theory]
    [InlineData("ResearchStudy", "_id,_lastUpdated,identifier,title,status,category,focus,keyword,location,date,sponsor,site,principalinvestigator,protocol,partof,condition")]
    [InlineData("PlanDefinition", "_id,_lastUpdated,identifier,title,status,type,name,version,url,date,description")]
    [InlineData("Provenance", "_id,_lastUpdated,target")]
    [InlineData("Organization", "_id,_lastUpdated,name,identifier")]
    public void Every_required_parameter_is_supported(string type, string names)
    {
        foreach (var name in names.Split(','))
        {
            Assert.True(SearchParameterCatalog.TryGet(type, name, out var parameter), $"{type}.{name}");
            Assert.False(string.IsNullOrEmpty(parameter.Expression), $"{type}.{name} has no expression");
            Assert.False(string.IsNullOrEmpty(parameter.Url), $"{type}.{name} has no url");
        }
    }

    [Theory]
    [InlineData("ResearchStudy", "title", SearchParamType.String)]
    [InlineData("ResearchStudy", "date", SearchParamType.Date)]
    [InlineData("ResearchStudy", "sponsor", SearchParamType.Reference)]
    [InlineData("ResearchStudy", "condition", SearchParamType.Token)]
    [InlineData("PlanDefinition", "url", SearchParamType.Uri)]
    [InlineData("Practitioner", "family", SearchParamType.String)]
    public void Parameters_carry_their_FHIR_type(string type, string name, SearchParamType expected)
    {
        Assert.True(SearchParameterCatalog.TryGet(type, name, out var parameter));
        Assert.Equal(expected, parameter.Type);
    }

    [Fact]
    public void Shared_definitions_keep_only_their_own_resource_branch()
    {
        Assert.True(SearchParameterCatalog.TryGet("Practitioner", "family", out var family));
        Assert.Equal("Practitioner.name.family", family.Expression);
        Assert.True(SearchParameterCatalog.TryGet("ResearchStudy", "sponsor", out var sponsor));
        Assert.Equal(["Organization"], sponsor.Targets);
    }

    [Fact]
    public void Unknown_types_and_parameters_are_not_supported()
    {
        Assert.False(SearchParameterCatalog.Supports("Patient"));
        Assert.Empty(SearchParameterCatalog.For("Patient"));
        Assert.False(SearchParameterCatalog.TryGet("ResearchStudy", "nonsense", out _));
    }

    [Fact]
    public void The_condition_definition_is_a_valid_SearchParameter()
    {
        var json = new FhirJsonSerializer().SerializeToString(ConditionSearchParameter.Definition());
        var strict = new FhirJsonDeserializer(new DeserializerSettings().UsingMode(DeserializationMode.Strict, null));

        var parsed = strict.Deserialize<SearchParameter>(json);

        Assert.Equal("condition", parsed.Code);
        Assert.Equal(SearchParamType.Token, parsed.Type);
        Assert.Equal("ResearchStudy.condition", parsed.Expression);
        Assert.StartsWith("https://fhirtrials.org/", parsed.Url, StringComparison.Ordinal);
    }
}
