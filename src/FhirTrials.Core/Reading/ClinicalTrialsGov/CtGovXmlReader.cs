using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using FhirTrials.Core.Reading.Normalization;
using FhirTrials.Core.Records;

namespace FhirTrials.Core.Reading.ClinicalTrialsGov;

/// <summary>
/// Reads a legacy ClinicalTrials.gov <c>&lt;clinical_study&gt;</c> record (the bulk-download XML) into a trial
/// record. DTDs are ignored and no resolver is set: entities are never expanded and nothing outside is fetched.
/// </summary>
internal sealed partial class CtGovXmlReader
{
    private readonly TrialRecord _record;

    private CtGovXmlReader(TrialRecord record) => _record = record;

    /// <summary>CT.gov records nest about 5 deep; deeper XML is hostile or not a record.</summary>
    public const int MaxDepth = 64;

    public static TrialRecord? Read(string xml, SourceInfo source, out string? rejection)
    {
        XDocument document;
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Ignore,
            XmlResolver = null,
            MaxCharactersFromEntities = 1024,
            IgnoreProcessingInstructions = true,
        };
        try
        {
            if (TooDeep(xml, settings) is { } line)
            {
                rejection = $"The XML is nested more than {MaxDepth} levels deep (line {line}); it was refused.";
                return null;
            }

            using var xmlReader = XmlReader.Create(new StringReader(xml), settings);
            document = XDocument.Load(xmlReader, LoadOptions.SetLineInfo | LoadOptions.PreserveWhitespace);
        }
        catch (XmlException ex)
        {
            rejection = EntityName(ex.Message) is { } entity
                ? $"The XML uses the entity &{entity}; (line {ex.LineNumber}), declared in its DOCTYPE. Entities are never expanded here "
                    + "(they can read server files or multiply into gigabytes), so the document was refused: export it without a DOCTYPE."
                : $"The XML could not be read (line {ex.LineNumber}): {ex.Message}";
            return null;
        }

        if (document.Root is not { Name.LocalName: "clinical_study" } study)
        {
            rejection = $"The XML is not a ClinicalTrials.gov record: its root element is <{document.Root?.Name.LocalName}>, expected <clinical_study>.";
            return null;
        }

        var url = Value(study.Element("required_header")?.Element("url"));
        var reader = new CtGovXmlReader(new TrialRecord { Source = source with { SourceUrl = url, SiteName = url is null ? null : "ClinicalTrials.gov" } });
        // Ignored DTDs leave no DocumentType node behind, so look at the prolog itself.
        var prolog = xml.AsSpan(0, Math.Min(xml.Length, 4096));
        if (prolog.Contains("<!DOCTYPE", StringComparison.OrdinalIgnoreCase))
        {
            reader._record.Warnings.Add(new ReadWarning(null, "The XML's DOCTYPE was ignored (entities are never expanded)."));
        }

        reader.ReadIdentification(study);
        reader.ReadStatusAndDates(study);
        reader.ReadDesign(study);
        reader.ReadArmsAndInterventions(study);
        reader.ReadEligibility(study.Element("eligibility"));
        reader.ReadPeopleAndPlaces(study);
        reader.ReadReferencesAndSharing(study);
        reader.WarnAboutUnreadElements(study);
        if (reader._record.NctId is null)
        {
            reader._record.Warnings.Add(new ReadWarning("identifiers", "The record has no NCT number (id_info/nct_id)."));
        }

        rejection = null;
        return reader._record;
    }

    // Elements of the legacy schema that are read, or that say nothing the record holds (QC dates, counts, results).
    /// <summary>The entity named by the parser's "undeclared entity" error: ignored DTDs leave every entity undeclared.</summary>
    private static string? EntityName(string message)
    {
        const string Marker = "undeclared entity '";
        var start = message.IndexOf(Marker, StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        start += Marker.Length;
        var end = message.IndexOf('\'', start);
        return end > start ? message[start..end] : null;
    }

    private static readonly HashSet<string> KnownElements =
    [
        "required_header", "id_info", "brief_title", "acronym", "official_title", "sponsors", "source", "oversight_info",
        "brief_summary", "detailed_description", "overall_status", "last_known_status", "why_stopped", "start_date",
        "completion_date", "primary_completion_date", "phase", "study_type", "has_expanded_access", "expanded_access_info",
        "study_design_info", "primary_outcome", "secondary_outcome", "other_outcome", "number_of_arms", "number_of_groups",
        "enrollment", "condition", "arm_group", "intervention", "eligibility", "overall_official", "overall_contact",
        "overall_contact_backup", "location", "location_countries", "removed_countries", "reference", "results_reference",
        "verification_date", "study_first_submitted", "study_first_submitted_qc", "study_first_posted",
        "results_first_submitted", "results_first_submitted_qc", "results_first_posted", "disposition_first_submitted",
        "disposition_first_submitted_qc", "disposition_first_posted", "last_update_submitted", "last_update_submitted_qc",
        "last_update_posted", "responsible_party", "keyword", "condition_browse", "intervention_browse", "patient_data",
        "clinical_results", "pending_results", "provided_document_section", "biospec_retention", "biospec_descr",
        "target_duration", "link",
    ];

    private void WarnAboutUnreadElements(XElement study)
    {
        foreach (var element in study.Elements().Where(e => !KnownElements.Contains(e.Name.LocalName)))
        {
            Warn(null, $"The element <{element.Name.LocalName}> is not understood; it was not read.", element);
        }
    }

    /// <summary>A forward pass before the tree is built, so deep nesting never reaches recursive code.</summary>
    private static int? TooDeep(string xml, XmlReaderSettings settings)
    {
        using var reader = XmlReader.Create(new StringReader(xml), settings);
        while (reader.Read())
        {
            if (reader.Depth > MaxDepth)
            {
                return ((IXmlLineInfo)reader).LineNumber;
            }
        }

        return null;
    }

    private void ReadIdentification(XElement study)
    {
        var ids = study.Element("id_info");
        if (Text($"identifiers[{_record.Identifiers.Count}]", ids?.Element("nct_id")) is { } nct)
        {
            _record.Identifiers.Add(new TrialIdentifier(nct.ToUpperInvariant(), IdentifierKind.Nct));
        }

        foreach (var alias in ids?.Elements("nct_alias") ?? [])
        {
            if (Text($"identifiers[{_record.Identifiers.Count}]", alias) is { } old)
            {
                _record.Identifiers.Add(new TrialIdentifier(old.ToUpperInvariant(), IdentifierKind.Nct, "NCT alias"));
            }
        }

        var sponsor = Value(study.Element("sponsors")?.Element("lead_sponsor")?.Element("agency"));
        if (Text($"identifiers[{_record.Identifiers.Count}]", ids?.Element("org_study_id")) is { } orgId)
        {
            _record.Identifiers.Add(new TrialIdentifier(orgId, IdentifierKind.SponsorProtocol, "org_study_id", sponsor));
        }

        foreach (var secondary in ids?.Elements("secondary_id") ?? [])
        {
            if (Text($"identifiers[{_record.Identifiers.Count}]", secondary) is { } id)
            {
                _record.Identifiers.Add(new TrialIdentifier(id, SecondaryIdKind(id), "secondary_id"));
            }
        }

        _record.BriefTitle = Text("briefTitle", study.Element("brief_title"));
        _record.OfficialTitle = Text("officialTitle", study.Element("official_title"));
        _record.Acronym = Text("acronym", study.Element("acronym"));

        var sponsors = study.Element("sponsors");
        if (sponsors?.Element("lead_sponsor") is { } lead && Text("leadSponsor", lead.Element("agency")) is { } leadName)
        {
            _record.LeadSponsor = new Party(leadName, AgencyClass(lead));
        }

        foreach (var collaborator in sponsors?.Elements("collaborator") ?? [])
        {
            if (Text($"collaborators[{_record.Collaborators.Count}]", collaborator.Element("agency")) is { } name)
            {
                _record.Collaborators.Add(new Party(name, AgencyClass(collaborator)));
            }
        }

        var oversight = study.Element("oversight_info");
        _record.IsFdaRegulatedDrug = YesNo("isFdaRegulatedDrug", oversight?.Element("is_fda_regulated_drug"));
        _record.IsFdaRegulatedDevice = YesNo("isFdaRegulatedDevice", oversight?.Element("is_fda_regulated_device"));
        _record.BriefSummary = TextBlock("briefSummary", study.Element("brief_summary"));
        _record.DetailedDescription = TextBlock("detailedDescription", study.Element("detailed_description"));
        AddAll(_record.Conditions, "conditions", study.Elements("condition"));
        AddAll(_record.Keywords, "keywords", study.Elements("keyword"));
    }

    /// <summary>Legacy words ("Industry", "U.S. Fed") onto the API's agency classes (INDUSTRY, FED), as the record keeps them.</summary>
    private static string? AgencyClass(XElement agency) => Value(agency.Element("agency_class")) switch
    {
        null => null,
        "U.S. Fed" => "FED",
        var other => other.ToUpperInvariant().Replace(' ', '_'),
    };

    /// <summary>Legacy records give secondary ids without a type: tell them apart by their shape.</summary>
    private static IdentifierKind SecondaryIdKind(string id) => id switch
    {
        _ when EuCtNumber().IsMatch(id) => IdentifierKind.EuCt,
        _ when EudraCtNumber().IsMatch(id) => IdentifierKind.EudraCt,
        _ when RegistryId().IsMatch(id) => IdentifierKind.OtherRegistry,
        _ when NihGrant().IsMatch(id) => IdentifierKind.Grant,
        _ => IdentifierKind.Other,
    };

    private void ReadStatusAndDates(XElement study)
    {
        _record.Status = Enum<RecruitmentStatus>("status", study.Element("overall_status"), "overall status", StatusNormalizer.TryParse);
        _record.StatusText = Value(study.Element("overall_status"));
        _record.WhyStopped = Text("whyStopped", study.Element("why_stopped"));
        var dates = _record.Dates;
        dates.Start = Date("dates.start", study.Element("start_date"));
        dates.PrimaryCompletion = Date("dates.primaryCompletion", study.Element("primary_completion_date"));
        dates.Completion = Date("dates.completion", study.Element("completion_date"));
        dates.FirstSubmitted = Date("dates.firstSubmitted", study.Element("study_first_submitted"), DateKind.Actual);
        dates.FirstPosted = Date("dates.firstPosted", study.Element("study_first_posted"));
        dates.LastUpdatePosted = Date("dates.lastUpdatePosted", study.Element("last_update_posted"));
        dates.LastVerified = Date("dates.lastVerified", study.Element("verification_date"), DateKind.Actual);
    }

    private void ReadDesign(XElement study)
    {
        if (Value(study.Element("phase")) is { } phaseText)
        {
            if (PhaseNormalizer.TryParse(phaseText, out var phases))
            {
                Trace("phases", study.Element("phase"));
                _record.Phases.AddRange(phases);
            }
            else
            {
                Warn("phases", $"Unrecognised phase '{phaseText}'.", study.Element("phase"));
            }
        }

        _record.StudyType = Enum<StudyType>("studyType", study.Element("study_type"), "study type", DesignNormalizer.TryParseStudyType);
        var info = study.Element("study_design_info");
        var design = _record.Design;
        design.Allocation = Enum<Allocation>("design.allocation", info?.Element("allocation"), "allocation", DesignNormalizer.TryParseAllocation);
        design.InterventionModel = Enum<InterventionModel>("design.interventionModel", info?.Element("intervention_model"), "intervention model", DesignNormalizer.TryParseInterventionModel);
        design.InterventionModelDescription = Text("design.interventionModelDescription", info?.Element("intervention_model_description"));
        design.PrimaryPurpose = Enum<PrimaryPurpose>("design.primaryPurpose", info?.Element("primary_purpose"), "primary purpose", DesignNormalizer.TryParsePrimaryPurpose);
        design.ObservationalModel = Text("design.observationalModel", info?.Element("observational_model"));
        design.TimePerspective = Text("design.timePerspective", info?.Element("time_perspective"));
        design.MaskingDescription = Text("design.maskingDescription", info?.Element("masking_description"));
        ReadMasking(info?.Element("masking"));

        if (study.Element("enrollment") is { } enrollment && Value(enrollment) is { } count)
        {
            if (int.TryParse(count, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n) && n >= 0)
            {
                Trace("enrollment", enrollment);
                _record.Enrollment = new Enrollment(n, DateNormalizer.KindFromWords((string?)enrollment.Attribute("type")) switch
                {
                    DateKind.Actual => EnrollmentKind.Actual,
                    DateKind.Estimated => EnrollmentKind.Estimated,
                    _ => EnrollmentKind.Unspecified,
                });
            }
            else
            {
                Warn("enrollment", $"Enrollment '{count}' is not a whole number.", enrollment);
            }
        }
    }

    /// <summary>"Quadruple (Participant, Care Provider, Investigator, Outcomes Assessor)", "None (Open Label)".</summary>
    private void ReadMasking(XElement? masking)
    {
        if (Value(masking) is not { } text)
        {
            return;
        }

        if (DesignNormalizer.TryParseMasking(text, out var level, out var roles))
        {
            Trace("design.masking", masking);
            _record.Design.Masking = level;
            _record.Design.MaskedRoles.AddRange(roles);
        }
        else
        {
            Warn("design.masking", $"Unrecognised masking '{text}'.", masking);
        }
    }

    [GeneratedRegex(@"^\d{4}-\d{6}-\d{2}-\d{2}$")]
    private static partial Regex EuCtNumber();

    [GeneratedRegex(@"^\d{4}-\d{6}-\d{2}$")]
    private static partial Regex EudraCtNumber();

    [GeneratedRegex(@"^(?:ISRCTN|DRKS|ChiCTR|ACTRN|JPRN|CTRI|KCT|IRCT|PACTR|RBR|TCTR|NTR|NL|SLCTR|EUCTR|UMIN|jRCT)", RegexOptions.IgnoreCase)]
    private static partial Regex RegistryId();

    [GeneratedRegex(@"^\d?[A-Z]\d{2}\s?[A-Z]{2}\d{5,6}", RegexOptions.IgnoreCase)]
    private static partial Regex NihGrant();
}
