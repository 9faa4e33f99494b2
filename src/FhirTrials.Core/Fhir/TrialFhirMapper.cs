using FhirTrials.Core.Fhir.Terminology;
using FhirTrials.Core.Records;
using Hl7.Fhir.Model;

namespace FhirTrials.Core.Fhir;

/// <summary>
/// One trial record -> its FHIR R4 resources: ResearchStudy, its protocol (PlanDefinition), its eligibility (Group),
/// the sponsor and collaborator Organizations, investigators and contacts (Practitioner + PractitionerRole), sites
/// (Location) and the Provenance of the source document. Ids are deterministic and every reference resolves inside
/// the set.
/// </summary>
public static class TrialFhirMapper
{
    public static TrialResources Map(TrialRecord record, MappingOptions options)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(options);

        var context = new MappingContext(record, options);
        var parties = MapParties(context);
        var title = StudyText.Title(record, context.Key);
        var eligibility = EligibilityGroupMapper.Map(context, title);
        var protocol = PlanDefinitionMapper.Map(context, title);
        var study = ResearchStudyMapper.Map(context, protocol, eligibility, parties);

        var resources = new TrialResources { Study = study, Protocol = protocol, Eligibility = eligibility };
        resources.Organizations.AddRange(context.Organizations.Values);
        resources.Practitioners.AddRange(context.Practitioners.Values);
        resources.PractitionerRoles.AddRange(context.Roles);
        resources.Locations.AddRange(context.Locations);
        resources.Provenances.Add(ProvenanceMapper.Map(record.Source, context.Key, resources.All().ToList(), options, Reading.Text.InferredValues.Fields(record)));
        foreach (var resource in resources.All())
        {
            ControlCharacters.RemoveFrom(resource);
        }

        return resources;
    }

    private static StudyParties MapParties(MappingContext context)
    {
        var record = context.Record;
        var associated = new List<Extension>();

        Organization? sponsor = null;
        if (record.LeadSponsor is { Name.Length: > 0 } lead)
        {
            sponsor = PartyMappers.Organization(context, lead.Name, lead.Class);
            associated.Add(Associated(lead.Name, "lead-sponsor", "Lead Sponsor", lead.Class, sponsor));
        }

        foreach (var collaborator in record.Collaborators.Where(c => !string.IsNullOrWhiteSpace(c.Name)))
        {
            var organization = PartyMappers.Organization(context, collaborator.Name, collaborator.Class);
            associated.Add(Associated(collaborator.Name, "collaborator", "Collaborator", collaborator.Class, organization));
        }

        PractitionerRole? principal = null;
        foreach (var official in record.Officials.Where(o => !string.IsNullOrWhiteSpace(o.Name)))
        {
            var affiliation = string.IsNullOrWhiteSpace(official.Affiliation) ? null : PartyMappers.Organization(context, official.Affiliation);
            var partyRole = PartyMappers.RoleOf(official.Role);
            var role = PartyMappers.Role(context, official.Name, partyRole, affiliation);
            if (partyRole == PartyRole.PrimaryInvestigator)
            {
                principal ??= role;
            }

            var (code, display) = PartyMappers.RoleCode(partyRole);
            associated.Add(Associated(official.Name, code, display, null, role));
        }

        if (principal is null && record.ResponsibleParty is { InvestigatorName.Length: > 0 } responsible
            && responsible.Type is ResponsiblePartyType.PrincipalInvestigator or ResponsiblePartyType.SponsorInvestigator)
        {
            var affiliation = string.IsNullOrWhiteSpace(responsible.InvestigatorAffiliation)
                ? null
                : PartyMappers.Organization(context, responsible.InvestigatorAffiliation);
            principal = PartyMappers.Role(context, responsible.InvestigatorName, PartyRole.PrimaryInvestigator, affiliation);
            var (code, display) = responsible.Type == ResponsiblePartyType.SponsorInvestigator
                ? ("sponsor-investigator", "Sponsor-Investigator")
                : PartyMappers.RoleCode(PartyRole.PrimaryInvestigator);
            associated.Add(Associated(responsible.InvestigatorName, code, display, null, principal));
        }

        foreach (var contact in record.CentralContacts.Where(c => !string.IsNullOrWhiteSpace(c.Name)))
        {
            PartyMappers.Role(context, contact.Name, PartyRole.CentralContact, contact: contact);
        }

        var sites = new List<(Site, Location)>();
        foreach (var site in record.Locations)
        {
            if (LocationMapper.Map(context, site) is not { } location)
            {
                continue;
            }

            sites.Add((site, location));
            foreach (var contact in site.Contacts.Where(c => !string.IsNullOrWhiteSpace(c.Name)))
            {
                var role = contact.Role switch
                {
                    ContactRole.PrincipalInvestigator => PartyRole.PrimaryInvestigator,
                    ContactRole.SubInvestigator => PartyRole.SubInvestigator,
                    _ => PartyRole.SiteContact,
                };
                PartyMappers.Role(context, contact.Name, role, location: location, contact: contact);
            }
        }

        return new StudyParties(sponsor, principal, sites, associated);
    }

    private static Extension Associated(string name, string code, string display, string? agencyClass, Resource party)
    {
        var classifiers = PartyMappers.OrgClassifier(agencyClass) is { } classifier
            ? [new CodeableConcept(CodeSystems.ResearchStudyPartyOrgType, classifier.Code, classifier.Display, classifier.Display)]
            : Array.Empty<CodeableConcept>();
        return R5Extensions.AssociatedParty(name, new CodeableConcept(CodeSystems.ResearchStudyPartyRole, code, display, display),
            classifiers, MappingContext.Ref(party, name));
    }
}
