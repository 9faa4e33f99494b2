using FhirTrials.Core.Fhir.Terminology;
using FhirTrials.Core.Records;
using Hl7.Fhir.Model;

namespace FhirTrials.Core.Fhir;

/// <summary>The sponsor, investigator and site resources the study points at, made before the study itself.</summary>
internal sealed record StudyParties(
    Organization? Sponsor,
    PractitionerRole? PrincipalInvestigator,
    IReadOnlyList<(Site Site, Location Location)> Sites,
    IReadOnlyList<Extension> AssociatedParties);

/// <summary>Trial record -> ResearchStudy (R4), with the R5-only facts in cross-version extensions.</summary>
internal static class ResearchStudyMapper
{
    public static ResearchStudy Map(MappingContext context, PlanDefinition protocol, Group eligibility, StudyParties parties)
    {
        var record = context.Record;
        var study = new ResearchStudy
        {
            Id = context.StudyId,
            Meta = context.NewMeta(),
            Identifier = IdentifierMapper.Map(record),
            Title = StudyText.Title(record, context.Key),
            Status = StatusMap.ToR4(record.Status),
            PrimaryPurposeType = PrimaryPurpose(record.Design.PrimaryPurpose),
            Phase = Phase(record.Phases),
            Description = StudyText.Description(record),
            Period = StudyDates.Period(record.Dates),
            Enrollment = [MappingContext.Ref(eligibility, eligibility.Name)],
            Sponsor = parties.Sponsor is null ? null : MappingContext.Ref(parties.Sponsor, parties.Sponsor.Name),
            PrincipalInvestigator = parties.PrincipalInvestigator is null
                ? null
                : MappingContext.Ref(parties.PrincipalInvestigator, parties.PrincipalInvestigator.Practitioner?.Display),
            ReasonStopped = string.IsNullOrWhiteSpace(record.WhyStopped) ? null : new CodeableConcept { Text = record.WhyStopped.Trim() },
        };
        study.Protocol.Add(MappingContext.Ref(protocol, protocol.Title));
        study.Category.AddRange(StudyDesignCategories.Map(record));
        study.Focus.AddRange(StudyText.Focus(record));
        study.Condition.AddRange(StudyText.Conditions(record));
        study.Keyword.AddRange(record.Keywords.Where(k => !string.IsNullOrWhiteSpace(k)).Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(k => new CodeableConcept { Text = k.Trim() }));
        study.Location.AddRange(Countries(record, parties.Sites));
        study.Contact.AddRange(record.CentralContacts.Select(c => new ContactDetail { Name = c.Name, Telecom = [.. PartyMappers.Telecom(c)] }));
        study.RelatedArtifact.AddRange(StudyText.RelatedArtifacts(record));
        study.Note.AddRange(StudyText.Notes(record).Select(n => new Annotation { Text = new Markdown(n) }));

        foreach (var (site, location) in parties.Sites)
        {
            var reference = MappingContext.Ref(location, location.Name);
            if (site.Status is { } siteStatus)
            {
                reference.Extension.Add(R5Extensions.ProgressStatus(RegistryState(siteStatus, null), true, null));
            }

            if (MatchFactsMapper.SitePosition(site) is { } position)
            {
                reference.Extension.Add(position);
            }

            study.Site.Add(reference);
        }

        study.Arm.AddRange(record.Arms.Select(arm => new ResearchStudy.ArmComponent
        {
            Name = arm.Label,
            Type = ArmType(arm),
            Description = arm.Description,
        }));
        foreach (var outcome in record.Outcomes)
        {
            study.Objective.Add(new ResearchStudy.ObjectiveComponent { Name = outcome.Measure, Type = DesignCodes.ObjectiveConcept(outcome.Kind) });
        }

        AddExtensions(study, context, parties);
        MatchFactsMapper.AddStudyFacts(study, record);
        study.Text = StudyNarrative.Build(study, record);
        return study;
    }

    private static void AddExtensions(ResearchStudy study, MappingContext context, StudyParties parties)
    {
        var record = context.Record;
        if (!string.IsNullOrWhiteSpace(record.BriefTitle) && record.BriefTitle != study.Title)
        {
            study.Extension.Add(R5Extensions.Label(new CodeableConcept(CodeSystems.TitleType, "short-title", "Short title", "Short title"), record.BriefTitle));
        }

        if (!string.IsNullOrWhiteSpace(record.Acronym))
        {
            study.Extension.Add(R5Extensions.Label(new CodeableConcept(CodeSystems.TitleType, "acronym", "Acronym", "Acronym"), record.Acronym));
        }

        if (record.Enrollment is { Count: >= 0 } enrollment)
        {
            // A count the source does not call actual is a target: registries publish the anticipated number until enrolment ends.
            study.Extension.Add(enrollment.Kind == EnrollmentKind.Actual
                ? R5Extensions.Recruitment(null, enrollment.Count)
                : R5Extensions.Recruitment(enrollment.Count, null));
        }

        if (record.Status is not null || !string.IsNullOrWhiteSpace(record.StatusText))
        {
            study.Extension.Add(R5Extensions.ProgressStatus(RegistryState(record.Status, record.StatusText), true, null));
        }

        study.Extension.AddRange(StudyDates.ProgressStates(record.Dates));
        study.Extension.AddRange(parties.AssociatedParties);
        foreach (var outcome in record.Outcomes)
        {
            var description = string.Join("\n\n", new[] { outcome.Description, outcome.TimeFrame is null ? null : "Time frame: " + outcome.TimeFrame }
                .Where(s => !string.IsNullOrWhiteSpace(s)));
            study.Extension.Add(R5Extensions.OutcomeMeasure(outcome.Measure, DesignCodes.ObjectiveConcept(outcome.Kind), description));
        }
    }

    /// <summary>The registry status as an R5 state: coded when R5 has the state, always with the registry's words.</summary>
    public static CodeableConcept RegistryState(RecruitmentStatus? status, string? statusText)
    {
        var text = !string.IsNullOrWhiteSpace(statusText) ? statusText.Trim() : status is { } s ? StatusMap.Describe(s) : "Unknown";
        var code = StatusMap.ToR5State(status);
        return code is null ? new CodeableConcept { Text = text } : StudyDates.State(code, StatusMap.Describe(status!.Value), text);
    }

    private static CodeableConcept? PrimaryPurpose(PrimaryPurpose? purpose)
    {
        if (purpose is not { } value)
        {
            return null;
        }

        var (code, display) = DesignCodes.PrimaryPurpose(value);
        return code is null ? new CodeableConcept { Text = display } : new CodeableConcept(CodeSystems.ResearchStudyPrimaryPurpose, code, display, display);
    }

    private static CodeableConcept? Phase(List<TrialPhase> phases)
    {
        if (phases.Count == 0)
        {
            return null;
        }

        var code = PhaseMap.ToCode(phases);
        var text = PhaseMap.Describe(phases);
        return code is null ? new CodeableConcept { Text = text } : new CodeableConcept(CodeSystems.ResearchStudyPhase, code, PhaseMap.Display(code), text);
    }

    private static CodeableConcept? ArmType(ArmGroup arm)
    {
        if (arm.Type is { } type)
        {
            var (code, display) = DesignCodes.ArmType(type);
            return new CodeableConcept(CodeSystems.ResearchStudyArmType, code, display, arm.TypeText ?? display);
        }

        return string.IsNullOrWhiteSpace(arm.TypeText) ? null : new CodeableConcept { Text = arm.TypeText };
    }

    /// <summary>The countries the source names plus the sites' countries, once each, ISO-coded when known.</summary>
    private static IEnumerable<CodeableConcept> Countries(TrialRecord record, IReadOnlyList<(Site Site, Location Location)> sites)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var written in record.Countries.Concat(sites.Select(s => s.Site.Country)))
        {
            if (string.IsNullOrWhiteSpace(written))
            {
                continue;
            }

            var found = CountryCodes.Find(written);
            if (!seen.Add(found?.Code ?? written.Trim()))
            {
                continue;
            }

            yield return found is { } country
                ? new CodeableConcept(CodeSystems.Iso3166, country.Code, country.Name, written.Trim())
                : new CodeableConcept { Text = written.Trim() };
        }
    }
}
