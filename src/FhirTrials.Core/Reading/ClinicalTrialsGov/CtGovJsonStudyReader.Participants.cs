using FhirTrials.Core.Reading.Normalization;
using FhirTrials.Core.Records;

namespace FhirTrials.Core.Reading.ClinicalTrialsGov;

// Arms, interventions, outcomes, eligibility, people, places, references, IPD sharing and MeSH terms.
internal sealed partial class CtGovJsonStudyReader
{
    private void ReadArmsAndInterventions(JsonField? module)
    {
        foreach (var item in module?["interventions"]?.Items() ?? [])
        {
            var field = $"interventions[{_record.Interventions.Count}]";
            if (item["name"]?.Text is not { } name)
            {
                Warn(field, "An intervention has no name; it was skipped.", item);
                continue;
            }

            Trace(field, item);
            var intervention = new Intervention
            {
                Name = name,
                Type = Enum<InterventionType>(field + ".type", item["type"], "intervention type", InterventionNormalizer.TryParseType),
                Description = item["description"]?.Text,
            };
            intervention.ArmLabels.AddRange(Texts(item["armGroupLabels"]));
            intervention.OtherNames.AddRange(Texts(item["otherNames"]));
            _record.Interventions.Add(intervention);
        }

        foreach (var item in module?["armGroups"]?.Items() ?? [])
        {
            var field = $"arms[{_record.Arms.Count}]";
            if (item["label"]?.Text is not { } label)
            {
                Warn(field, "An arm group has no label; it was skipped.", item);
                continue;
            }

            Trace(field, item);
            var typeText = item["type"]?.Text;
            var arm = new ArmGroup
            {
                Label = label,
                Type = InterventionNormalizer.TryParseArmType(typeText, out var type) ? type : null,
                Description = item["description"]?.Text,
            };
            arm.TypeText = arm.Type is null ? typeText : null;
            arm.InterventionNames.AddRange(Texts(item["interventionNames"]).Select(InterventionName));
            _record.Arms.Add(arm);
        }
    }

    /// <summary>API arm groups name interventions as "Drug: Placebo"; the record keys them by the bare name.</summary>
    private string InterventionName(string reference)
    {
        if (InterventionNormalizer.TrySplitTypedName(reference, out _, out var bare))
        {
            if (_record.Interventions.Count == 0 || _record.Interventions.Any(i => i.Name == bare))
            {
                return bare;
            }
        }

        return reference;
    }

    private void ReadOutcomes(JsonField? module)
    {
        foreach (var (property, kind) in new[] { ("primaryOutcomes", OutcomeKind.Primary), ("secondaryOutcomes", OutcomeKind.Secondary), ("otherOutcomes", OutcomeKind.Other) })
        {
            foreach (var item in module?[property]?.Items() ?? [])
            {
                var field = $"outcomes[{_record.Outcomes.Count}]";
                if (item["measure"]?.Text is not { } measure)
                {
                    Warn(field, "An outcome has no measure; it was skipped.", item);
                    continue;
                }

                Trace(field, item);
                _record.Outcomes.Add(new Outcome { Kind = kind, Measure = measure, TimeFrame = item["timeFrame"]?.Text, Description = item["description"]?.Text });
            }
        }
    }

    private void ReadEligibility(JsonField? module)
    {
        if (module is not { } m)
        {
            return;
        }

        var eligibility = _record.Eligibility;
        if (m["eligibilityCriteria"] is { } criteria && criteria.Text is { } text)
        {
            var split = EligibilityCriteriaSplitter.Split(text);
            if (split.Split)
            {
                // The criteria are one JSON string, so every item traces to that string's line.
                AddCriteria(eligibility.Inclusion, "eligibility.inclusion", split.Inclusion, criteria);
                AddCriteria(eligibility.Exclusion, "eligibility.exclusion", split.Exclusion, criteria);
            }
            else
            {
                eligibility.CriteriaText = Text("eligibility.criteriaText", criteria);
                Warn("eligibility.criteriaText", "The eligibility criteria have no inclusion/exclusion headings; kept as one text.", criteria);
            }
        }

        eligibility.HealthyVolunteers = Flag("eligibility.healthyVolunteers", m["healthyVolunteers"]);
        eligibility.Sex = Enum<Sex>("eligibility.sex", m["sex"], "sex", ParticipantNormalizer.TryParseSex);
        eligibility.GenderBased = Flag("eligibility.genderBased", m["genderBased"]);
        eligibility.GenderDescription = Text("eligibility.genderDescription", m["genderDescription"]);
        eligibility.MinimumAge = AgeValue("eligibility.minimumAge", m["minimumAge"]);
        eligibility.MaximumAge = AgeValue("eligibility.maximumAge", m["maximumAge"]);
        foreach (var age in m["stdAges"]?.Items() ?? [])
        {
            if (Text($"eligibility.standardAges[{eligibility.StandardAges.Count}]", age) is { } code)
            {
                eligibility.StandardAges.Add(Words(code));
            }
        }

        eligibility.StudyPopulation = Text("eligibility.studyPopulation", m["studyPopulation"]);
        eligibility.SamplingMethod = Text("eligibility.samplingMethod", m["samplingMethod"]) is { } sampling ? Words(sampling) : null;
    }

    private void AddCriteria(List<string> target, string field, IReadOnlyList<CriteriaItem> items, JsonField source)
    {
        foreach (var item in items)
        {
            Trace($"{field}[{target.Count}]", source);
            target.Add(item.Text);
        }
    }

    private void ReadContactsAndLocations(JsonField? module)
    {
        foreach (var item in module?["centralContacts"]?.Items() ?? [])
        {
            if (ContactFrom(item, $"centralContacts[{_record.CentralContacts.Count}]") is { } contact)
            {
                _record.CentralContacts.Add(contact);
            }
        }

        foreach (var item in module?["overallOfficials"]?.Items() ?? [])
        {
            var field = $"officials[{_record.Officials.Count}]";
            if (item["name"]?.Text is not { } name)
            {
                continue;
            }

            Trace(field, item);
            var role = Enum<OfficialRole>(field + ".role", item["role"], "official role") ?? OfficialRole.PrincipalInvestigator;
            _record.Officials.Add(new Investigator(name, role, item["affiliation"]?.Text));
        }

        foreach (var item in module?["locations"]?.Items() ?? [])
        {
            var field = $"locations[{_record.Locations.Count}]";
            Trace(field, item);
            var site = new Site
            {
                Facility = item["facility"]?.Text,
                City = item["city"]?.Text,
                State = item["state"]?.Text,
                PostalCode = item["zip"]?.Text,
                Country = item["country"]?.Text,
                Status = Enum<RecruitmentStatus>(field + ".status", item["status"], "site recruitment status", StatusNormalizer.TryParse),
                Position = GeoPointOf(item["geoPoint"]),
            };
            foreach (var person in item["contacts"]?.Items() ?? [])
            {
                if (ContactFrom(person, $"{field}.contacts[{site.Contacts.Count}]") is { } contact)
                {
                    site.Contacts.Add(contact);
                }
            }

            _record.Locations.Add(site);
            if (site.Country is { } country && !_record.Countries.Contains(country))
            {
                Trace($"countries[{_record.Countries.Count}]", item["country"]);
                _record.Countries.Add(country);
            }
        }
    }

    private Contact? ContactFrom(JsonField item, string field)
    {
        if (item["name"]?.Text is not { } name)
        {
            return null;
        }

        Trace(field, item);
        var role = item["role"]?.Text?.ToUpperInvariant() switch
        {
            "PRINCIPAL_INVESTIGATOR" => ContactRole.PrincipalInvestigator,
            "SUB_INVESTIGATOR" => ContactRole.SubInvestigator,
            _ => ContactRole.Contact,
        };
        return new Contact(name, role, item["phone"]?.Text, item["phoneExt"]?.Text, item["email"]?.Text);
    }

    private void ReadReferences(JsonField? module)
    {
        foreach (var item in module?["references"]?.Items() ?? [])
        {
            var field = $"references[{_record.References.Count}]";
            if (item["citation"]?.Text is not { } citation)
            {
                continue;
            }

            Trace(field, item);
            var type = Enum<ReferenceType>(field + ".type", item["type"], "reference type");
            _record.References.Add(new Citation(citation, item["pmid"]?.Text, CitationDoi.Find(citation), type));
        }
    }

    private void ReadIpdSharing(JsonField? module)
    {
        if (module is not { } m)
        {
            return;
        }

        Trace("ipdSharing", m);
        var ipd = new IpdSharing
        {
            Plan = Enum<IpdPlan>("ipdSharing.plan", m["ipdSharing"], "IPD sharing plan"),
            Description = m["description"]?.Text,
            TimeFrame = m["timeFrame"]?.Text,
            AccessCriteria = m["accessCriteria"]?.Text,
            Url = m["url"]?.Text,
        };
        ipd.InfoTypes.AddRange(Texts(m["infoTypes"]).Select(InfoTypeWords));
        _record.IpdSharing = ipd;
    }

    private static string InfoTypeWords(string code) => code.ToUpperInvariant() switch
    {
        "STUDY_PROTOCOL" => "Study Protocol",
        "SAP" => "Statistical Analysis Plan (SAP)",
        "ICF" => "Informed Consent Form (ICF)",
        "CSR" => "Clinical Study Report (CSR)",
        "ANALYTIC_CODE" => "Analytic Code",
        _ => code,
    };

    private void ReadMesh(JsonField? derived)
    {
        foreach (var (module, target, field) in new[]
        {
            ("conditionBrowseModule", _record.ConditionMeshTerms, "conditionMeshTerms"),
            ("interventionBrowseModule", _record.InterventionMeshTerms, "interventionMeshTerms"),
        })
        {
            ReadMeshList(derived?[module]?["meshes"], target, field);
        }

        ReadMeshList(derived?["conditionBrowseModule"]?["ancestors"], _record.ConditionMeshAncestors, "conditionMeshAncestors");
    }

    private void ReadMeshList(JsonField? list, List<MeshTerm> target, string field)
    {
        foreach (var item in list?.Items() ?? [])
        {
            if (item["term"]?.Text is { } term)
            {
                Trace($"{field}[{target.Count}]", item);
                target.Add(new MeshTerm(term, item["id"]?.Text));
            }
        }
    }

    /// <summary>A geoPoint with both numbers inside WGS84 bounds; anything else is no position.</summary>
    private static Matching.GeoPoint? GeoPointOf(JsonField? point)
    {
        if (point?["lat"]?.Element is not { ValueKind: System.Text.Json.JsonValueKind.Number } lat
            || point?["lon"]?.Element is not { ValueKind: System.Text.Json.JsonValueKind.Number } lon
            || !lat.TryGetDouble(out var latitude) || !lon.TryGetDouble(out var longitude))
        {
            return null;
        }

        return Matching.GeoPoint.IsValid(latitude, longitude) ? new Matching.GeoPoint(latitude, longitude) : null;
    }

    private static IEnumerable<string> Texts(JsonField? array) =>
        (array?.Items() ?? []).Select(i => i.Text).OfType<string>();

    /// <summary>"OLDER_ADULT" -> "Older Adult", "NON_PROBABILITY_SAMPLE" -> "Non-Probability Sample".</summary>
    private static string Words(string code)
    {
        if (!code.Contains('_', StringComparison.Ordinal) && code.Any(char.IsLower))
        {
            return code;
        }

        var words = code.ToLowerInvariant().Split('_', StringSplitOptions.RemoveEmptyEntries)
            .Select(w => char.ToUpperInvariant(w[0]) + w[1..]);
        return string.Join(' ', words).Replace("Non ", "Non-", StringComparison.Ordinal).Replace("Case Control", "Case-Control", StringComparison.Ordinal);
    }
}
