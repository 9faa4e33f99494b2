using FhirTrials.Api.Auth;
using FhirTrials.Api.Http;
using FhirTrials.Api.Search;
using FhirTrials.Core.Search;
using Hl7.Fhir.Model;

namespace FhirTrials.Api;

/// <summary>
/// The CapabilityStatement, generated from the search catalog and the interactions the router serves, so it cannot
/// claim more (or less) than the code does.
/// </summary>
public static class CapabilityStatementFactory
{
    private static readonly CapabilityStatement.TypeRestfulInteraction[] Interactions =
    [
        CapabilityStatement.TypeRestfulInteraction.Read,
        CapabilityStatement.TypeRestfulInteraction.Vread,
        CapabilityStatement.TypeRestfulInteraction.HistoryInstance,
        CapabilityStatement.TypeRestfulInteraction.SearchType,
    ];

    private static readonly string[] IncludeParameters = ["protocol", "sponsor", "site", "principalinvestigator"];

    /// <param name="auth">The security to declare (SMART); null or mode none: none declared.</param>
    public static CapabilityStatement Create(Uri? publicBaseUrl, AuthSettings? auth = null)
    {
        var rest = new CapabilityStatement.RestComponent
        {
            Mode = CapabilityStatement.RestfulCapabilityMode.Server,
            Documentation = new Markdown("Read-only FHIR R4 API over clinical-trial records. String search is case- and accent-insensitive; "
                + $"_count defaults to {SearchQuery.DefaultCount} (at most {SearchQuery.MaxCount}); unknown parameters are ignored with a warning "
                + "unless Prefer: handling=strict."),
        };
        foreach (var type in SearchParameterCatalog.ResourceTypes)
        {
            rest.Resource.Add(Resource(type));
        }

        Export.ExportCapabilities.Declare(rest);
        rest.Resource.Add(new CapabilityStatement.ResourceComponent
        {
            Type = FhirRequestRouter.SearchParameterType,
            Interaction = [new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.Read }],
            Documentation = new Markdown("The search parameters this server defines itself: " + ConditionSearchParameter.Id + "."),
        });
        var ours = rest.Resource.Single(r => r.Type == FhirRequestRouter.SearchParameterType);
        ours.Documentation = new Markdown(ours.Documentation!.TrimEnd('.') + ", " + string.Join(", ", MatchSearchParameters.All.Select(p => p.Id)) + ".");
        rest.Resource.Add(new CapabilityStatement.ResourceComponent
        {
            Type = FhirRequestRouter.OperationDefinitionType,
            Interaction = [new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.Read }],
            Documentation = new Markdown("The operations this server defines itself: " + Match.MatchOperationDefinition.Id + "."),
        });
        rest.Resource.Single(r => r.Type == "ResearchStudy").Operation.Add(new CapabilityStatement.OperationComponent
        {
            Name = "match",
            Definition = Match.MatchOperationDefinition.Url,
            Documentation = new Markdown("Recruiting studies a patient might join, scored and explained per criterion (docs/api.md)."),
        });

        rest.Security = SmartSecurity.CapabilityFor(auth);
        return new CapabilityStatement
        {
            Id = "fhirtrials",
            Url = publicBaseUrl is null ? null : new Uri(publicBaseUrl, "metadata").AbsoluteUri,
            Name = "FhirTrials",
            Title = "FhirTrials FHIR server",
            Status = PublicationStatus.Active,
            Date = "2026-11-23",
            Publisher = "FhirTrials",
            Kind = CapabilityStatementKind.Instance,
            Software = new CapabilityStatement.SoftwareComponent { Name = "FhirTrials" },
            Implementation = new CapabilityStatement.ImplementationComponent
            {
                Description = "FhirTrials: clinical-trial records as FHIR R4",
                Url = publicBaseUrl?.AbsoluteUri,
            },
            FhirVersion = FHIRVersion.N4_0_1,
            Format = [ContentNegotiation.FhirJson, ContentNegotiation.FhirXml, "json", "xml"],
            Rest = [rest],
            Instantiates = [Export.ExportCapabilities.BulkDataServer],
        };
    }

    private static CapabilityStatement.ResourceComponent Resource(string type)
    {
        var resource = new CapabilityStatement.ResourceComponent
        {
            Type = type,
            Interaction = Interactions.Select(i => new CapabilityStatement.ResourceInteractionComponent { Code = i }).ToList(),
            Versioning = CapabilityStatement.ResourceVersionPolicy.Versioned,
            ReadHistory = true,
            UpdateCreate = false,
            ConditionalRead = CapabilityStatement.ConditionalReadStatus.FullSupport,
        };
        foreach (var parameter in SearchParameterCatalog.For(type))
        {
            resource.SearchParam.Add(new CapabilityStatement.SearchParamComponent
            {
                Name = parameter.Name,
                Definition = parameter.Url,
                Type = parameter.Type,
                Documentation = new Markdown(parameter.Expression),
            });
        }

        if (type == "ResearchStudy")
        {
            resource.SearchInclude = [.. IncludeParameters.Select(p => $"{type}:{p}"), $"{type}:{IncludeParser.Enrollment}"];
        }

        resource.SearchRevInclude = ["Provenance:target"];
        return resource;
    }
}
