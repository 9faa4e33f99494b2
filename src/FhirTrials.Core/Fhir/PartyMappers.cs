using FhirTrials.Core.Fhir.Terminology;
using FhirTrials.Core.Records;
using Hl7.Fhir.Model;

namespace FhirTrials.Core.Fhir;

/// <summary>The role a person plays for the trial, as the R5 research-study-party-role code system names it.</summary>
internal enum PartyRole
{
    PrimaryInvestigator,
    StudyDirector,
    StudyChair,
    SubInvestigator,
    CentralContact,
    SiteContact,
}

/// <summary>
/// Organisations, people and their trial roles. Organization and Practitioner ids come from their own identity
/// (normalised name) so one sponsor or investigator is one resource across trials; a PractitionerRole belongs to one
/// trial (its id starts with the trial key) and carries the telecom the trial gives for that role.
/// </summary>
internal static class PartyMappers
{
    public static Organization Organization(MappingContext context, string name, string? agencyClass = null)
    {
        var id = FhirIds.Make("org", name);
        if (context.Organizations.TryGetValue(id, out var existing))
        {
            if (existing.Type.Count == 0 && OrganizationType(agencyClass) is { } lateType)
            {
                existing.Type.Add(lateType);
                existing.Text = Narrate(existing);
            }

            return existing;
        }

        var organization = new Organization
        {
            Id = id,
            Meta = context.NewMeta(),
            Active = true,
            Name = name.Trim(),
        };
        if (OrganizationType(agencyClass) is { } type)
        {
            organization.Type.Add(type);
        }

        organization.Text = Narrate(organization);
        context.Organizations[id] = organization;
        return organization;
    }

    private static Narrative Narrate(Organization organization) => new NarrativeBuilder("Organization")
        .Row("Name", organization.Name)
        .Row("Type", organization.Type.FirstOrDefault()?.Coding.FirstOrDefault()?.Display)
        .ToNarrative();

    public static Practitioner Practitioner(MappingContext context, string writtenName)
    {
        var id = FhirIds.Make("pr", PersonNames.Identity(writtenName));
        if (context.Practitioners.TryGetValue(id, out var existing))
        {
            return existing;
        }

        var practitioner = new Practitioner { Id = id, Meta = context.NewMeta(), Active = true };
        practitioner.Name.Add(PersonNames.Parse(writtenName));
        practitioner.Text = new NarrativeBuilder("Practitioner").Row("Name", writtenName).ToNarrative();
        context.Practitioners[id] = practitioner;
        return practitioner;
    }

    public static PractitionerRole Role(
        MappingContext context, string writtenName, PartyRole role, Organization? organization = null,
        Location? location = null, Contact? contact = null)
    {
        var practitioner = Practitioner(context, writtenName);
        var (code, display) = RoleCode(role);
        var identity = practitioner.Id + " " + code + (location is null ? "" : " " + location.Id);
        var id = FhirIds.Make(context.Key + "-role", identity);
        var existing = context.Roles.FirstOrDefault(r => r.Id == id);
        if (existing is not null)
        {
            return existing;
        }

        var practitionerRole = new PractitionerRole
        {
            Id = id,
            Meta = context.NewMeta(),
            Active = true,
            Practitioner = MappingContext.Ref(practitioner, writtenName),
            Organization = organization is null ? null : MappingContext.Ref(organization, organization.Name),
        };
        var roleConcept = new CodeableConcept(CodeSystems.ResearchStudyPartyRole, code, display, display);
        if (role is PartyRole.PrimaryInvestigator or PartyRole.SubInvestigator or PartyRole.StudyDirector or PartyRole.StudyChair)
        {
            roleConcept.Coding.Add(new Coding("http://terminology.hl7.org/CodeSystem/practitioner-role", "researcher", "Researcher"));
        }

        practitionerRole.Code.Add(roleConcept);
        if (location is not null)
        {
            practitionerRole.Location.Add(MappingContext.Ref(location, location.Name));
        }

        if (contact is not null)
        {
            practitionerRole.Telecom.AddRange(Telecom(contact));
        }

        practitionerRole.Text = new NarrativeBuilder("Practitioner role")
            .Row("Person", writtenName)
            .Row("Role", display)
            .Row("Organization", organization?.Name)
            .Row("Location", location?.Name)
            .Row("Phone", practitionerRole.Telecom.FirstOrDefault(t => t.System == ContactPoint.ContactPointSystem.Phone)?.Value)
            .Row("Email", practitionerRole.Telecom.FirstOrDefault(t => t.System == ContactPoint.ContactPointSystem.Email)?.Value)
            .ToNarrative();
        context.Roles.Add(practitionerRole);
        return practitionerRole;
    }

    public static IEnumerable<ContactPoint> Telecom(Contact contact)
    {
        if (!string.IsNullOrWhiteSpace(contact.Phone))
        {
            var phone = contact.Phone.Trim();
            if (!string.IsNullOrWhiteSpace(contact.PhoneExtension))
            {
                phone += " ext. " + contact.PhoneExtension.Trim();
            }

            yield return new ContactPoint(ContactPoint.ContactPointSystem.Phone, ContactPoint.ContactPointUse.Work, phone);
        }

        if (!string.IsNullOrWhiteSpace(contact.Email))
        {
            yield return new ContactPoint(ContactPoint.ContactPointSystem.Email, ContactPoint.ContactPointUse.Work, contact.Email.Trim());
        }
    }

    public static PartyRole RoleOf(OfficialRole role) => role switch
    {
        OfficialRole.PrincipalInvestigator => PartyRole.PrimaryInvestigator,
        OfficialRole.StudyDirector => PartyRole.StudyDirector,
        OfficialRole.StudyChair => PartyRole.StudyChair,
        _ => PartyRole.SubInvestigator,
    };

    public static (string Code, string Display) RoleCode(PartyRole role) => role switch
    {
        PartyRole.PrimaryInvestigator => ("primary-investigator", "Primary Investigator"),
        PartyRole.StudyDirector => ("study-director", "Study Director"),
        PartyRole.StudyChair => ("study-chair", "Study Chair"),
        PartyRole.SubInvestigator => ("sub-investigator", "Sub-Investigator"),
        PartyRole.CentralContact => ("general-contact", "General Contact"),
        _ => ("recruitment-contact", "Recruitment Contact"),
    };

    /// <summary>R5 research-study-party-org-type for CT.gov agency classes; null for NETWORK, OTHER, INDIV, UNKNOWN.</summary>
    public static (string Code, string Display)? OrgClassifier(string? agencyClass) => agencyClass?.Trim().ToUpperInvariant() switch
    {
        "NIH" => ("nih", "NIH"),
        "FED" or "OTHER_GOV" or "U.S. FED" => ("government", "Government"),
        "INDUSTRY" => ("industry", "Industry"),
        _ => null,
    };

    private static CodeableConcept? OrganizationType(string? agencyClass) => agencyClass?.Trim().ToUpperInvariant() switch
    {
        "NIH" or "FED" or "OTHER_GOV" or "U.S. FED" => new CodeableConcept(CodeSystems.OrganizationType, "govt", "Government"),
        "INDUSTRY" => new CodeableConcept(CodeSystems.OrganizationType, "bus", "Non-Healthcare Business or Corporation"),
        _ => null,
    };
}
