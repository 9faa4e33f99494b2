using System.Net;
using FhirTrials.Api.Tests.Support;
using FhirTrials.Core.Search;
using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;

namespace FhirTrials.Api.Tests;

/// <remarks>Reads the shared <see cref="TrialData"/> of the host; nothing here changes it.</remarks>
public abstract class CapabilityStatementTests(IApiServer server)
{
    private readonly IApiServer _server = server;

    [Fact]
    public async System.Threading.Tasks.Task Metadata_is_a_CapabilityStatement_read_by_a_real_FHIR_client_over_HTTP()
    {
        using var client = new FhirClient(_server.FhirBase);

        var capabilities = await client.CapabilityStatementAsync();

        Assert.NotNull(capabilities);
        Assert.Equal(FHIRVersion.N4_0_1, capabilities.FhirVersion);
        Assert.Equal(CapabilityStatementKind.Instance, capabilities.Kind);
    }

    [Fact]
    public async System.Threading.Tasks.Task It_lists_every_served_type_interaction_and_search_parameter_with_its_type()
    {
        using var http = new HttpClient();
        using var response = await http.GetAsync(new Uri(_server.FhirBase, "metadata"));
        var capabilities = await FhirAssert.ReadStrictAsync<CapabilityStatement>(response);

        var rest = Assert.Single(capabilities.Rest);
        foreach (var type in SearchParameterCatalog.ResourceTypes)
        {
            var resource = Assert.Single(rest.Resource, r => r.Type == type);
            Assert.Equal(
                ["read", "vread", "history-instance", "search-type", "history-type"],
                resource.Interaction.Select(i => Hl7.Fhir.Utility.EnumUtility.GetLiteral(i.Code)));
            foreach (var parameter in SearchParameterCatalog.For(type))
            {
                var declared = Assert.Single(resource.SearchParam, p => p.Name == parameter.Name);
                Assert.Equal(parameter.Type, declared.Type);
                Assert.Equal(parameter.Url, declared.Definition);
            }
        }

        var study = rest.Resource.Single(r => r.Type == "ResearchStudy");
        Assert.Contains(study.SearchParam, p => p.Name == "condition" && p.Definition == ConditionSearchParameter.Url);
        Assert.Contains("ResearchStudy:enrollment", study.SearchInclude);
        Assert.Contains("Provenance:target", study.SearchRevInclude);
        Assert.Contains("application/fhir+xml", capabilities.Format);
    }

    [Fact]
    public async System.Threading.Tasks.Task It_declares_export_at_system_and_type_level_with_the_Bulk_Data_OperationDefinition_and_system_history()
    {
        using var http = new HttpClient();
        using var response = await http.GetAsync(new Uri(_server.FhirBase, "metadata"));
        var capabilities = await FhirAssert.ReadStrictAsync<CapabilityStatement>(response);

        var rest = Assert.Single(capabilities.Rest);
        var export = Assert.Single(rest.Operation, o => o.Name == "export");
        Assert.Equal("http://hl7.org/fhir/uv/bulkdata/OperationDefinition/export", export.Definition);
        Assert.Contains(rest.Interaction, i => i.Code == CapabilityStatement.SystemRestfulInteraction.HistorySystem);
        Assert.Contains("http://hl7.org/fhir/uv/bulkdata/CapabilityStatement/bulk-data", capabilities.Instantiates);
        foreach (var type in SearchParameterCatalog.ResourceTypes)
        {
            Assert.Contains(rest.Resource.Single(r => r.Type == type).Operation, o => o.Name == "export" && o.Definition == export.Definition);
        }
    }

    [Fact]
    public async System.Threading.Tasks.Task The_condition_SearchParameter_definition_is_served()
    {
        using var http = new HttpClient();

        using var response = await http.GetAsync(new Uri(_server.FhirBase, "SearchParameter/" + ConditionSearchParameter.Id));

        var definition = await FhirAssert.ReadStrictAsync<SearchParameter>(response);
        Assert.Equal(ConditionSearchParameter.Url, definition.Url);
        Assert.Equal("ResearchStudy.condition", definition.Expression);
    }

    [Fact]
    public async System.Threading.Tasks.Task Summary_true_on_metadata_returns_the_summary_only()
    {
        using var http = new HttpClient();

        using var full = await http.GetAsync(new Uri(_server.FhirBase, "metadata"));
        using var summary = await http.GetAsync(new Uri(_server.FhirBase, "metadata?_summary=true"));

        Assert.Equal(HttpStatusCode.OK, summary.StatusCode);
        var summarised = await FhirAssert.ReadStrictAsync<CapabilityStatement>(summary);
        Assert.Contains(summarised.Meta!.Tag, t => t.Code == "SUBSETTED");
        Assert.True((await summary.Content.ReadAsStringAsync()).Length < (await full.Content.ReadAsStringAsync()).Length);
    }
}

/// <summary>CapabilityStatementTests against the Server host (ASP.NET Core on Kestrel).</summary>
public sealed class CapabilityStatementTestsOnServerHost(SeededServer seeded) : CapabilityStatementTests(seeded.Server), IClassFixture<SeededServer>;

/// <summary>CapabilityStatementTests against the Functions app, through the test host.</summary>
public sealed class CapabilityStatementTestsOnFunctionsHost(SeededFunctionsApp seeded) : CapabilityStatementTests(seeded.Server), IClassFixture<SeededFunctionsApp>;
