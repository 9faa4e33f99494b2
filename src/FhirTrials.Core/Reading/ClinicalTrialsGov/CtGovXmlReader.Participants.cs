using System.Xml.Linq;
using FhirTrials.Core.Reading.Normalization;
using FhirTrials.Core.Records;

namespace FhirTrials.Core.Reading.ClinicalTrialsGov;

// Arms, interventions, outcomes, eligibility, people, places, references, MeSH terms and IPD sharing.
internal sealed partial class CtGovXmlReader
{
    private void ReadArmsAndInterventions(XElement study)
    {
        foreach (var (name, kind) in new[] { ("primary_outcome", OutcomeKind.Primary), ("secondary_outcome", OutcomeKind.Secondary), ("other_outcome", OutcomeKind.Other) })
        {
            foreach (var outcome in study.Elements(name))
            {
                if (Value(outcome.Element("measure")) is { } measure)
                {
                    Trace($"outcomes[{_record.Outcomes.Count}]", outcome);
                    _record.Outcomes.Add(new Outcome { Kind = kind, Measure = measure, TimeFrame = Value(outcome.Element("time_frame")), Description = Value(outcome.Element("description")) });
                }
            }
        }

        foreach (var item in study.Elements("intervention"))
        {
            var field = $"interventions[{_record.Interventions.Count}]";
            if (Value(item.Element("intervention_name")) is not { } name)
            {
                Warn(field, "An intervention has no name; it was skipped.", item);
                continue;
            }

            Trace(field, item);
            var intervention = new Intervention
            {
                Name = name,
                Type = Enum<InterventionType>(field + ".type", item.Element("intervention_type"), "intervention type", InterventionNormalizer.TryParseType),
                Description = Value(item.Element("description")),
            };
            intervention.ArmLabels.AddRange(item.Elements("arm_group_label").Select(Value).OfType<string>());
            intervention.OtherNames.AddRange(item.Elements("other_name").Select(Value).OfType<string>());
            _record.Interventions.Add(intervention);
        }

        foreach (var item in study.Elements("arm_group"))
        {
            var field = $"arms[{_record.Arms.Count}]";
            if (Value(item.Element("arm_group_label")) is not { } label)
            {
                Warn(field, "An arm group has no label; it was skipped.", item);
                continue;
            }

            Trace(field, item);
            var typeText = Value(item.Element("arm_group_type"));
            var arm = new ArmGroup
            {
                Label = label,
                Type = InterventionNormalizer.TryParseArmType(typeText, out var type) ? type : null,
                Description = Value(item.Element("description")),
            };
            arm.TypeText = arm.Type is null ? typeText : null;

            // Legacy records link interventions to arms from the intervention side only.
            arm.InterventionNames.AddRange(_record.Interventions.Where(i => i.ArmLabels.Contains(label)).Select(i => i.Name));
            _record.Arms.Add(arm);
        }
    }

    private void ReadEligibility(XElement? eligibility)
    {
        if (eligibility is null)
        {
            return;
        }

        var target = _record.Eligibility;
        if (eligibility.Element("criteria")?.Element("textblock") is { } block && block.Value is { Length: > 0 } criteria)
        {
            var split = EligibilityCriteriaSplitter.Split(criteria);
            var firstLine = Line(block.FirstNode ?? block);
            if (split.Split)
            {
                foreach (var (items, list, field) in new[] { (split.Inclusion, target.Inclusion, "eligibility.inclusion"), (split.Exclusion, target.Exclusion, "eligibility.exclusion") })
                {
                    foreach (var item in items)
                    {
                        _record.Provenance.Add(new FieldSource($"{field}[{list.Count}]", firstLine + item.FirstLine, firstLine + item.LastLine));
                        list.Add(item.Text);
                    }
                }
            }
            else
            {
                target.CriteriaText = TextBlock("eligibility.criteriaText", eligibility.Element("criteria"));
                Warn("eligibility.criteriaText", "The eligibility criteria have no inclusion/exclusion headings; kept as one text.", block);
            }
        }

        target.Sex = Enum<Sex>("eligibility.sex", eligibility.Element("gender"), "sex", ParticipantNormalizer.TryParseSex);
        target.GenderBased = YesNo("eligibility.genderBased", eligibility.Element("gender_based"));
        target.GenderDescription = Text("eligibility.genderDescription", eligibility.Element("gender_description"));
        target.MinimumAge = AgeValue("eligibility.minimumAge", eligibility.Element("minimum_age"));
        target.MaximumAge = AgeValue("eligibility.maximumAge", eligibility.Element("maximum_age"));
        target.HealthyVolunteers = YesNo("eligibility.healthyVolunteers", eligibility.Element("healthy_volunteers"), ParticipantNormalizer.TryParseHealthyVolunteers);
        target.StudyPopulation = TextBlock("eligibility.studyPopulation", eligibility.Element("study_pop"));
        target.SamplingMethod = Text("eligibility.samplingMethod", eligibility.Element("sampling_method"));
    }

    private void ReadPeopleAndPlaces(XElement study)
    {
        foreach (var official in study.Elements("overall_official"))
        {
            if (PersonName(official) is { } name)
            {
                var field = $"officials[{_record.Officials.Count}]";
                Trace(field, official);
                var role = Enum<OfficialRole>(field + ".role", official.Element("role"), "official role") ?? OfficialRole.PrincipalInvestigator;
                _record.Officials.Add(new Investigator(name, role, Value(official.Element("affiliation"))));
            }
        }

        foreach (var (element, role) in new[] { ("overall_contact", ContactRole.Contact), ("overall_contact_backup", ContactRole.BackupContact) })
        {
            if (ContactFrom(study.Element(element), role, $"centralContacts[{_record.CentralContacts.Count}]") is { } contact)
            {
                _record.CentralContacts.Add(contact);
            }
        }

        foreach (var location in study.Elements("location"))
        {
            var field = $"locations[{_record.Locations.Count}]";
            Trace(field, location);
            var facility = location.Element("facility");
            var address = facility?.Element("address");
            var site = new Site
            {
                Facility = Value(facility?.Element("name")),
                City = Value(address?.Element("city")),
                State = Value(address?.Element("state")),
                PostalCode = Value(address?.Element("zip")),
                Country = Value(address?.Element("country")),
                Status = Enum<RecruitmentStatus>(field + ".status", location.Element("status"), "site recruitment status", StatusNormalizer.TryParse),
            };
            foreach (var (element, role) in new[] { ("contact", ContactRole.Contact), ("contact_backup", ContactRole.BackupContact) })
            {
                if (ContactFrom(location.Element(element), role, $"{field}.contacts[{site.Contacts.Count}]") is { } contact)
                {
                    site.Contacts.Add(contact);
                }
            }

            foreach (var investigator in location.Elements("investigator"))
            {
                var role = Value(investigator.Element("role"))?.Contains("Sub", StringComparison.OrdinalIgnoreCase) == true
                    ? ContactRole.SubInvestigator
                    : ContactRole.PrincipalInvestigator;
                if (ContactFrom(investigator, role, $"{field}.contacts[{site.Contacts.Count}]") is { } contact)
                {
                    site.Contacts.Add(contact);
                }
            }

            _record.Locations.Add(site);
        }

        // location_countries is the registry's own list; site countries fill in when it is absent.
        var countries = study.Element("location_countries")?.Elements("country").ToList() ?? [];
        AddAll(_record.Countries, "countries", countries);
        foreach (var country in _record.Locations.Select(l => l.Country).OfType<string>().Distinct())
        {
            if (!_record.Countries.Contains(country))
            {
                _record.Countries.Add(country);
            }
        }

        if (study.Element("responsible_party") is { } party)
        {
            Trace("responsibleParty", party);
            var type = Value(party.Element("responsible_party_type"));
            _record.ResponsibleParty = new ResponsibleParty(
                Enum<ResponsiblePartyType>("responsibleParty.type", party.Element("responsible_party_type"), "responsible party type"),
                Value(party.Element("investigator_full_name")) ?? Value(party.Element("name_title")),
                Value(party.Element("investigator_title")),
                Value(party.Element("investigator_affiliation")),
                type is null ? Value(party.Element("organization")) : null);
        }
    }

    private Contact? ContactFrom(XElement? person, ContactRole role, string field)
    {
        if (person is null || PersonName(person) is not { } name)
        {
            return null;
        }

        Trace(field, person);
        return new Contact(name, role, Value(person.Element("phone")), Value(person.Element("phone_ext")), Value(person.Element("email")));
    }

    private static readonly string[] NameParts = ["first_name", "middle_name", "last_name"];

    /// <summary>"Philippe Menasché, MD, PhD" from first/middle/last name and degrees (older records put it all in last_name).</summary>
    private static string? PersonName(XElement person)
    {
        var parts = NameParts.Select(n => Value(person.Element(n))).OfType<string>().ToList();
        if (parts.Count == 0)
        {
            return null;
        }

        var name = string.Join(' ', parts);
        return Value(person.Element("degrees")) is { } degrees ? $"{name}, {degrees}" : name;
    }

    private void ReadReferencesAndSharing(XElement study)
    {
        foreach (var (element, type) in new[] { ("reference", ReferenceType.Background), ("results_reference", ReferenceType.Result) })
        {
            foreach (var reference in study.Elements(element))
            {
                if (Value(reference.Element("citation")) is { } citation)
                {
                    Trace($"references[{_record.References.Count}]", reference);
                    _record.References.Add(new Citation(citation, Value(reference.Element("PMID")), CitationDoi.Find(citation), type));
                }
            }
        }

        foreach (var (element, target, field) in new[]
        {
            ("condition_browse", _record.ConditionMeshTerms, "conditionMeshTerms"),
            ("intervention_browse", _record.InterventionMeshTerms, "interventionMeshTerms"),
        })
        {
            foreach (var term in study.Element(element)?.Elements("mesh_term") ?? [])
            {
                if (Text($"{field}[{target.Count}]", term) is { } text)
                {
                    target.Add(new MeshTerm(text));
                }
            }
        }

        if (study.Element("patient_data") is { } data)
        {
            Trace("ipdSharing", data);
            var ipd = new IpdSharing
            {
                Plan = Enum<IpdPlan>("ipdSharing.plan", data.Element("sharing_ipd"), "IPD sharing plan"),
                Description = Value(data.Element("ipd_description")),
                TimeFrame = Value(data.Element("ipd_time_frame")),
                AccessCriteria = Value(data.Element("ipd_access_criteria")),
                Url = Value(data.Element("ipd_url")),
            };
            ipd.InfoTypes.AddRange(data.Elements("ipd_info_type").Select(Value).OfType<string>());
            _record.IpdSharing = ipd;
        }
    }
}
