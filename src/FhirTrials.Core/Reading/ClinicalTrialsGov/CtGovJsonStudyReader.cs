using System.Text.Json;
using System.Text.RegularExpressions;
using FhirTrials.Core.Reading.Normalization;
using FhirTrials.Core.Records;

namespace FhirTrials.Core.Reading.ClinicalTrialsGov;

/// <summary>
/// Reads one ClinicalTrials.gov API v2 study object (every protocolSection module and the derived MeSH terms) into a
/// trial record, tracing each value to its lines.
/// </summary>
internal sealed partial class CtGovJsonStudyReader
{
    public const string NoStudyReason = "The JSON has no ClinicalTrials.gov study (protocolSection) in it.";

    private readonly TrialRecord _record;
    private readonly JsonLineMap _lines;

    private CtGovJsonStudyReader(TrialRecord record, JsonLineMap lines)
    {
        _record = record;
        _lines = lines;
    }

    /// <returns>The record, or null with <paramref name="rejection"/> when the object is not a CT.gov study.</returns>
    public static TrialRecord? Read(JsonElement study, JsonLineMap lines, SourceInfo source, out string? rejection)
    {
        var root = new JsonField(study, string.Empty);
        if (root["protocolSection"] is not { } protocol || protocol.Element.ValueKind != JsonValueKind.Object)
        {
            rejection = NoStudyReason;
            return null;
        }

        var reader = new CtGovJsonStudyReader(new TrialRecord { Source = source }, lines);
        reader.ReadIdentification(protocol["identificationModule"], protocol["sponsorCollaboratorsModule"]);
        reader.ReadStatus(protocol["statusModule"]);
        reader.ReadSponsors(protocol["sponsorCollaboratorsModule"]);
        reader.ReadOversight(protocol["oversightModule"]);
        reader.ReadDescription(protocol["descriptionModule"]);
        reader.ReadConditions(protocol["conditionsModule"]);
        reader.ReadDesign(protocol["designModule"]);
        reader.ReadArmsAndInterventions(protocol["armsInterventionsModule"]);
        reader.ReadOutcomes(protocol["outcomesModule"]);
        reader.ReadEligibility(protocol["eligibilityModule"]);
        reader.ReadContactsAndLocations(protocol["contactsLocationsModule"]);
        reader.ReadReferences(protocol["referencesModule"]);
        reader.ReadIpdSharing(protocol["ipdSharingStatementModule"]);
        reader.ReadMesh(root["derivedSection"]);
        reader.WarnAboutUnreadSections(root, protocol);

        if (reader._record.NctId is null)
        {
            reader._record.Warnings.Add(new ReadWarning("identifiers", "The study has no NCT number (identificationModule.nctId)."));
        }

        rejection = null;
        return reader._record;
    }

    private static readonly HashSet<string> ReadModules =
    [
        "identificationModule", "statusModule", "sponsorCollaboratorsModule", "oversightModule", "descriptionModule",
        "conditionsModule", "designModule", "armsInterventionsModule", "outcomesModule", "eligibilityModule",
        "contactsLocationsModule", "referencesModule", "ipdSharingStatementModule",
    ];

    /// <summary>Results, documents and modules this reader does not know are named, so nothing is dropped silently.</summary>
    private void WarnAboutUnreadSections(JsonField root, JsonField protocol)
    {
        foreach (var module in protocol.Element.EnumerateObject().Where(p => !ReadModules.Contains(p.Name)))
        {
            Warn(null, $"The protocolSection module '{module.Name}' is not understood; it was not read.", protocol[module.Name]);
        }

        foreach (var section in new[] { "resultsSection", "documentSection", "annotationSection" })
        {
            if (root[section] is { } present)
            {
                Warn(null, $"The study's {section} is not part of the trial record; it was not read.", present);
            }
        }
    }

    private void ReadIdentification(JsonField? module, JsonField? sponsors)
    {
        if (module is not { } m)
        {
            _record.Warnings.Add(new ReadWarning(null, "The study has no identificationModule."));
            return;
        }

        if (Text("identifiers[0]", m["nctId"]) is { } nct)
        {
            _record.Identifiers.Add(new TrialIdentifier(nct.ToUpperInvariant(), IdentifierKind.Nct));
        }

        foreach (var alias in m["nctIdAliases"]?.Items() ?? [])
        {
            if (Text($"identifiers[{_record.Identifiers.Count}]", alias) is { } old)
            {
                _record.Identifiers.Add(new TrialIdentifier(old.ToUpperInvariant(), IdentifierKind.Nct, "NCT alias"));
            }
        }

        var organization = m["organization"]?["fullName"]?.Text ?? sponsors?["leadSponsor"]?["name"]?.Text;
        if (m["orgStudyIdInfo"] is { } org && Text($"identifiers[{_record.Identifiers.Count}]", org["id"]) is { } orgId)
        {
            _record.Identifiers.Add(new TrialIdentifier(orgId, IdentifierKind.SponsorProtocol, org["type"]?.Text, organization));
        }

        foreach (var secondary in m["secondaryIdInfos"]?.Items() ?? [])
        {
            if (Text($"identifiers[{_record.Identifiers.Count}]", secondary["id"]) is { } id)
            {
                var type = secondary["type"]?.Text;
                _record.Identifiers.Add(new TrialIdentifier(id, SecondaryIdKind(type, id), type, secondary["domain"]?.Text));
            }
        }

        _record.BriefTitle = Text("briefTitle", m["briefTitle"]);
        _record.OfficialTitle = Text("officialTitle", m["officialTitle"]);
        _record.Acronym = Text("acronym", m["acronym"]);
    }

    private static IdentifierKind SecondaryIdKind(string? type, string id) => type?.ToUpperInvariant() switch
    {
        "EUDRACT_NUMBER" => IdentifierKind.EudraCt,
        "CTIS" => IdentifierKind.EuCt,
        "NIH" or "VA" or "CDC" or "AHRQ" or "SAMHSA" or "OTHER_GRANT" => IdentifierKind.Grant,
        "REGISTRY" => IdentifierKind.OtherRegistry,
        _ when EuCtNumber().IsMatch(id) => IdentifierKind.EuCt,
        _ when EudraCtNumber().IsMatch(id) => IdentifierKind.EudraCt,
        _ => IdentifierKind.Other,
    };

    private void ReadStatus(JsonField? module)
    {
        if (module is not { } m)
        {
            return;
        }

        _record.Status = Enum<RecruitmentStatus>("status", m["overallStatus"], "overall status", StatusNormalizer.TryParse);
        _record.StatusText = m["overallStatus"]?.Text;
        _record.WhyStopped = Text("whyStopped", m["whyStopped"]);
        _record.Dates.Start = DateStruct("dates.start", m["startDateStruct"]);
        _record.Dates.PrimaryCompletion = DateStruct("dates.primaryCompletion", m["primaryCompletionDateStruct"]);
        _record.Dates.Completion = DateStruct("dates.completion", m["completionDateStruct"]);
        _record.Dates.FirstPosted = DateStruct("dates.firstPosted", m["studyFirstPostDateStruct"]);
        _record.Dates.LastUpdatePosted = DateStruct("dates.lastUpdatePosted", m["lastUpdatePostDateStruct"]);
        _record.Dates.FirstSubmitted = Date("dates.firstSubmitted", m["studyFirstSubmitDate"], DateKind.Actual);
        _record.Dates.LastVerified = Date("dates.lastVerified", m["statusVerifiedDate"], DateKind.Actual);
    }

    private TrialDate? DateStruct(string field, JsonField? dateStruct)
    {
        return Date(field, dateStruct?["date"], DateNormalizer.KindFromWords(dateStruct?["type"]?.Text));
    }

    private TrialDate? Date(string field, JsonField? node, DateKind kind)
    {
        if (node?.Text is not { } text)
        {
            return null;
        }

        if (!DateNormalizer.TryParse(text, kind, out var date, out var problem))
        {
            Warn(field, $"Date '{text}' is not a valid date ({problem}).", node);
            return null;
        }

        Trace(field, node);
        return date;
    }

    private void ReadSponsors(JsonField? module)
    {
        if (module is not { } m)
        {
            return;
        }

        if (m["leadSponsor"] is { } lead && Text("leadSponsor", lead["name"]) is { } leadName)
        {
            _record.LeadSponsor = new Party(leadName, lead["class"]?.Text);
        }

        foreach (var collaborator in m["collaborators"]?.Items() ?? [])
        {
            if (Text($"collaborators[{_record.Collaborators.Count}]", collaborator["name"]) is { } name)
            {
                _record.Collaborators.Add(new Party(name, collaborator["class"]?.Text));
            }
        }

        if (m["responsibleParty"] is { } party)
        {
            Trace("responsibleParty", party);
            _record.ResponsibleParty = new ResponsibleParty(
                Enum<ResponsiblePartyType>("responsibleParty.type", party["type"], "responsible party type"),
                party["investigatorFullName"]?.Text ?? party["oldNameTitle"]?.Text,
                party["investigatorTitle"]?.Text,
                party["investigatorAffiliation"]?.Text,
                party["oldOrganization"]?.Text);
        }
    }

    private void ReadOversight(JsonField? module)
    {
        _record.IsFdaRegulatedDrug = Flag("isFdaRegulatedDrug", module?["isFdaRegulatedDrug"]);
        _record.IsFdaRegulatedDevice = Flag("isFdaRegulatedDevice", module?["isFdaRegulatedDevice"]);
    }

    private void ReadDescription(JsonField? module)
    {
        _record.BriefSummary = Text("briefSummary", module?["briefSummary"]);
        _record.DetailedDescription = Text("detailedDescription", module?["detailedDescription"]);
    }

    private void ReadConditions(JsonField? module)
    {
        AddTexts(_record.Conditions, "conditions", module?["conditions"]);
        AddTexts(_record.Keywords, "keywords", module?["keywords"]);
    }

    private void ReadDesign(JsonField? module)
    {
        if (module is not { } m)
        {
            return;
        }

        _record.StudyType = Enum<StudyType>("studyType", m["studyType"], "study type", DesignNormalizer.TryParseStudyType);
        foreach (var phase in m["phases"]?.Items() ?? [])
        {
            if (phase.Text is not { } text)
            {
                continue;
            }

            if (PhaseNormalizer.TryParse(text, out var phases))
            {
                Trace($"phases[{_record.Phases.Count}]", phase);
                _record.Phases.AddRange(phases.Except(_record.Phases));
            }
            else
            {
                Warn("phases", $"Unrecognised phase '{text}'.", phase);
            }
        }

        var design = _record.Design;
        if (m["designInfo"] is { } info)
        {
            design.Allocation = Enum<Allocation>("design.allocation", info["allocation"], "allocation", DesignNormalizer.TryParseAllocation);
            design.InterventionModel = Enum<InterventionModel>("design.interventionModel", info["interventionModel"], "intervention model", DesignNormalizer.TryParseInterventionModel);
            design.InterventionModelDescription = Text("design.interventionModelDescription", info["interventionModelDescription"]);
            design.PrimaryPurpose = Enum<PrimaryPurpose>("design.primaryPurpose", info["primaryPurpose"], "primary purpose", DesignNormalizer.TryParsePrimaryPurpose);
            design.ObservationalModel = Text("design.observationalModel", info["observationalModel"]) is { } model ? Words(model) : null;
            design.TimePerspective = Text("design.timePerspective", info["timePerspective"]) is { } perspective ? Words(perspective) : null;
            if (info["maskingInfo"] is { } masking)
            {
                design.Masking = Enum<Masking>("design.masking", masking["masking"], "masking");
                design.MaskingDescription = Text("design.maskingDescription", masking["maskingDescription"]);
                foreach (var who in masking["whoMasked"]?.Items() ?? [])
                {
                    if (Enum<MaskedRole>($"design.maskedRoles[{design.MaskedRoles.Count}]", who, "masked role") is { } role)
                    {
                        design.MaskedRoles.Add(role);
                    }
                }
            }
        }

        if (m["enrollmentInfo"] is { } enrollment && enrollment["count"] is { } count)
        {
            var kind = DateNormalizer.KindFromWords(enrollment["type"]?.Text) switch
            {
                DateKind.Actual => EnrollmentKind.Actual,
                DateKind.Estimated => EnrollmentKind.Estimated,
                _ => EnrollmentKind.Unspecified,
            };
            if (count.Integer is { } n and >= 0)
            {
                Trace("enrollment", enrollment);
                _record.Enrollment = new Enrollment(n, kind);
            }
            else
            {
                Warn("enrollment", $"Enrollment count '{count.Text}' is not a whole number.", count);
            }
        }
    }

    [GeneratedRegex(@"^\d{4}-\d{6}-\d{2}-\d{2}$")]
    private static partial Regex EuCtNumber();

    [GeneratedRegex(@"^\d{4}-\d{6}-\d{2}$")]
    private static partial Regex EudraCtNumber();
}
