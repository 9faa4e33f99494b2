using Hl7.Fhir.Model;

namespace FhirTrials.Core.Search;

/// <summary>
/// The elements each supported parameter indexes, written as plain code rather than evaluated FhirPath: it runs for
/// every resource on every write, and reads top to bottom next to the expression it implements.
/// </summary>
internal static class SearchParameterSelectors
{
    public static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, Func<Resource, IEnumerable<Base?>>>> ByType =
        new Dictionary<string, IReadOnlyDictionary<string, Func<Resource, IEnumerable<Base?>>>>
        {
            ["ResearchStudy"] = Of<ResearchStudy>(new()
            {
                ["identifier"] = s => s.Identifier,
                ["title"] = s => [s.TitleElement],
                ["status"] = s => [s.StatusElement],
                ["category"] = s => s.Category,
                ["focus"] = s => s.Focus,
                ["keyword"] = s => s.Keyword,
                ["location"] = s => s.Location,
                ["date"] = s => [s.Period],
                ["sponsor"] = s => [s.Sponsor],
                ["site"] = s => s.Site,
                ["principalinvestigator"] = s => [s.PrincipalInvestigator],
                ["protocol"] = s => s.Protocol,
                ["partof"] = s => s.PartOf,
                [ConditionSearchParameter.Code] = s => s.Condition,
                [MatchSearchParameters.EligibleAge] = MatchSelectors.EligibleAge,
                [MatchSearchParameters.EligibleSex] = MatchSelectors.EligibleSex,
                [MatchSearchParameters.HealthyVolunteers] = MatchSelectors.HealthyVolunteers,
                [MatchSearchParameters.SiteStatus] = MatchSelectors.SiteStatus,
                [MatchSearchParameters.SiteNear] = MatchSelectors.SiteNear,
                [MatchSearchParameters.ConditionWord] = MatchSelectors.ConditionWords,
                [MatchSearchParameters.ConditionAncestor] = MatchSelectors.ConditionAncestors,
            }),
            ["PlanDefinition"] = Of<PlanDefinition>(new()
            {
                ["identifier"] = p => p.Identifier,
                ["title"] = p => [p.TitleElement],
                ["status"] = p => [p.StatusElement],
                ["type"] = p => [p.Type],
                ["name"] = p => [p.NameElement],
                ["version"] = p => [p.VersionElement],
                ["url"] = p => [p.UrlElement],
                ["date"] = p => [p.DateElement],
                ["description"] = p => [p.DescriptionElement],
            }),
            ["Group"] = Of<Group>(new()
            {
                ["identifier"] = g => g.Identifier,
                ["code"] = g => [g.Code],
                ["type"] = g => [g.TypeElement],
                ["actual"] = g => [g.ActualElement],
                ["characteristic"] = g => g.Characteristic.Select(c => c.Code),
            }),
            ["Organization"] = Of<Organization>(new()
            {
                ["identifier"] = o => o.Identifier,
                ["name"] = o => [o.NameElement, .. o.AliasElement],
                ["active"] = o => [o.ActiveElement],
                ["type"] = o => o.Type,
                ["address"] = o => o.Address,
                ["address-city"] = o => o.Address.Select(a => a.CityElement),
                ["address-country"] = o => o.Address.Select(a => a.CountryElement),
                ["partof"] = o => [o.PartOf],
            }),
            ["Practitioner"] = Of<Practitioner>(new()
            {
                ["identifier"] = p => p.Identifier,
                ["name"] = p => p.Name,
                ["family"] = p => p.Name.Select(n => n.FamilyElement),
                ["given"] = p => p.Name.SelectMany(n => n.GivenElement),
                ["active"] = p => [p.ActiveElement],
                ["telecom"] = p => p.Telecom,
                ["email"] = p => p.Telecom.Where(t => t.System == ContactPoint.ContactPointSystem.Email),
                ["phone"] = p => p.Telecom.Where(t => t.System == ContactPoint.ContactPointSystem.Phone),
                ["address"] = p => p.Address,
                ["address-city"] = p => p.Address.Select(a => a.CityElement),
                ["address-country"] = p => p.Address.Select(a => a.CountryElement),
            }),
            ["PractitionerRole"] = Of<PractitionerRole>(new()
            {
                ["identifier"] = r => r.Identifier,
                ["practitioner"] = r => [r.Practitioner],
                ["organization"] = r => [r.Organization],
                ["location"] = r => r.Location,
                ["role"] = r => r.Code,
                ["specialty"] = r => r.Specialty,
                ["active"] = r => [r.ActiveElement],
            }),
            ["Location"] = Of<Location>(new()
            {
                ["identifier"] = l => l.Identifier,
                ["name"] = l => [l.NameElement, .. l.AliasElement],
                ["status"] = l => [l.StatusElement],
                ["type"] = l => l.Type,
                ["address"] = l => [l.Address],
                ["address-city"] = l => [l.Address?.CityElement],
                ["address-state"] = l => [l.Address?.StateElement],
                ["address-postalcode"] = l => [l.Address?.PostalCodeElement],
                ["address-country"] = l => [l.Address?.CountryElement],
                ["organization"] = l => [l.ManagingOrganization],
                ["partof"] = l => [l.PartOf],
                ["near"] = l => [l.Position],
            }),
            ["Provenance"] = Of<Provenance>(new()
            {
                ["target"] = p => p.Target,
                ["recorded"] = p => [p.RecordedElement],
                ["when"] = p => [p.Occurred as FhirDateTime],
                ["agent"] = p => p.Agent.Select(a => a.Who),
                ["entity"] = p => p.Entity.Select(e => e.What),
            }),
        };

    private static Dictionary<string, Func<Resource, IEnumerable<Base?>>> Of<T>(Dictionary<string, Func<T, IEnumerable<Base?>>> selectors)
        where T : Resource =>
        selectors.ToDictionary(
            pair => pair.Key,
            pair => (Func<Resource, IEnumerable<Base?>>)(resource => resource is T typed ? pair.Value(typed) : []),
            StringComparer.Ordinal);
}
