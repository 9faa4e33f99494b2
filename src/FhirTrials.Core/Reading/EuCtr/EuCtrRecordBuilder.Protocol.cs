using FhirTrials.Core.Records;

namespace FhirTrials.Core.Reading.EuCtr;

// Sections E (design, conditions, criteria, end points) and F (population) of the protocol.
internal sealed partial class EuCtrRecordBuilder
{
    private static readonly (string Code, TrialPhase Phase)[] PhaseFields =
    [
        ("E.7.1", TrialPhase.Phase1), ("E.7.2", TrialPhase.Phase2), ("E.7.3", TrialPhase.Phase3), ("E.7.4", TrialPhase.Phase4),
    ];

    /// <summary>The first block that answers a Yes/No grid; the grids are the protocol's, the same in every state.</summary>
    private EuCtrBlock? Answering(params string[] codes) =>
        _blocks.FirstOrDefault(b => codes.Any(c => b.YesNo(c) is not null));

    private void ReadDesign()
    {
        if (Answering("E.7.1", "E.7.2", "E.7.3", "E.7.4") is { } phases)
        {
            _record.Phases.AddRange(PhaseFields.Where(p => phases.YesNo(p.Code) == true).Select(p => p.Phase));
        }

        if (Answering("E.8.1.1", "E.8.1.2", "E.8.1.3", "E.8.1.4") is { } design)
        {
            _record.Design.Allocation = design.YesNo("E.8.1.1") switch
            {
                true => Allocation.Randomized,
                false => Allocation.NonRandomized,
                null => null,
            };
            _record.Design.Masking = design.YesNo("E.8.1.4") == true ? Masking.Double
                : design.YesNo("E.8.1.3") == true ? Masking.Single
                : design.YesNo("E.8.1.2") == true ? Masking.None
                : null;
            _record.Design.InterventionModel = design.YesNo("E.8.1.5") == true ? InterventionModel.Parallel
                : design.YesNo("E.8.1.6") == true ? InterventionModel.Crossover
                : null;
        }

        if (Answering("E.6.1", "E.6.2", "E.6.3") is { } scope)
        {
            _record.Design.PrimaryPurpose = scope.YesNo("E.6.3") == true ? PrimaryPurpose.Treatment
                : scope.YesNo("E.6.2") == true ? PrimaryPurpose.Prevention
                : scope.YesNo("E.6.1") == true ? PrimaryPurpose.Diagnostic
                : null;
        }
    }

    private void ReadConditions()
    {
        // Some member states leave E.1.1 empty; the lay wording (E.1.1.1) then names the condition.
        if ((First("E.1.1", "Medical condition(s) being investigated") ?? First("E.1.1.1", "Medical condition in easily understood language")) is { } condition)
        {
            _record.Conditions.Add(EuCtrCriteria.Clean(condition.Value));
            Cite("conditions[0]", condition);
        }

        if (_blocks.FirstOrDefault(b => b.All("E.1.2", "Term").Any()) is { } meddra)
        {
            foreach (var term in meddra.All("E.1.2", "Term").Select(f => EuCtrBlock.Meaningful(f.Value)).OfType<string>())
            {
                if (!_record.Keywords.Contains(term, StringComparer.OrdinalIgnoreCase))
                {
                    _record.Keywords.Add(term);
                }
            }
        }
    }

    private void ReadEligibility()
    {
        ReadCriteria(First("E.3", "Principal inclusion criteria"), _record.Eligibility.Inclusion, "eligibility.inclusion");
        ReadCriteria(First("E.4", "Principal exclusion criteria"), _record.Eligibility.Exclusion, "eligibility.exclusion");
    }

    private void ReadCriteria(EuCtrField? field, List<string> items, string path)
    {
        if (field is null)
        {
            return;
        }

        var split = EuCtrCriteria.Split(field.Value);
        if (split.Count == 0)
        {
            // Unnumbered criteria: bullets or paragraphs, as the shared splitter reads them under a heading.
            var kind = path.EndsWith("inclusion", StringComparison.Ordinal) ? "Inclusion" : "Exclusion";
            var shared = EligibilityCriteriaSplitter.Split($"{kind} criteria:\n{field.Value}");
            split = (kind == "Inclusion" ? shared.Inclusion : shared.Exclusion).Select(i => EuCtrCriteria.Clean(i.Text)).ToList();
        }

        foreach (var item in split)
        {
            Cite($"{path}[{items.Count}]", field);
            items.Add(item);
        }
    }

    private void ReadPopulation()
    {
        var eligibility = _record.Eligibility;
        if (Answering("F.1.1", "F.1.2", "F.1.3") is { } ages)
        {
            var minors = ages.YesNo("F.1.1");
            var adults = ages.YesNo("F.1.2");
            var elderly = ages.YesNo("F.1.3");
            if (minors == true)
            {
                eligibility.StandardAges.Add("Child");
            }

            if (adults == true)
            {
                eligibility.StandardAges.Add("Adult");
            }

            if (elderly == true)
            {
                eligibility.StandardAges.Add("Older Adult");
            }

            // The register gives age groups, not ages: only the group bounds are facts (18-64 years, 65 and over).
            eligibility.MinimumAge = minors != false ? null : adults == true ? new Age(18, AgeUnit.Years) : elderly == true ? new Age(65, AgeUnit.Years) : null;
            eligibility.MaximumAge = elderly != false ? null : adults == true ? new Age(64, AgeUnit.Years) : minors == true ? new Age(17, AgeUnit.Years) : null;
        }

        if (Answering("F.2.1", "F.2.2") is { } sex)
        {
            eligibility.Sex = (sex.YesNo("F.2.1"), sex.YesNo("F.2.2")) switch
            {
                (true, true) => Sex.All,
                (true, _) => Sex.Female,
                (_, true) => Sex.Male,
                _ => null,
            };
        }

        eligibility.HealthyVolunteers = Answering("F.3.1")?.YesNo("F.3.1");

        // F.4.2.2 is the whole trial; a trial in one member state only has F.4.1.
        var whole = First("F.4.2.2", "In the whole clinical trial");
        var single = _blocks.Count == 1 && _blocks[0].YesNo("E.8.5") == false ? _blocks[0].Find("F.4.1") : null;
        if ((whole ?? single) is { } planned && WholeNumber(planned.Value) is { } count)
        {
            _record.Enrollment = new Enrollment(count, EnrollmentKind.Estimated);
            Cite("enrollment", planned);
        }
    }

    private void ReadOutcomes()
    {
        ReadOutcome(OutcomeKind.Primary, "E.5.1", "E.5.1.1");
        ReadOutcome(OutcomeKind.Secondary, "E.5.2", "E.5.2.1");
    }

    private void ReadOutcome(OutcomeKind kind, string code, string timeCode)
    {
        if (_blocks.FirstOrDefault(b => b.Value(code) is not null) is not { } block)
        {
            return;
        }

        var field = block.Find(code)!;
        Cite($"outcomes[{_record.Outcomes.Count}]", field);
        _record.Outcomes.Add(new Outcome
        {
            Kind = kind,
            Measure = EuCtrCriteria.CleanLines(field.Value),
            TimeFrame = block.Value(timeCode) is { } time ? EuCtrCriteria.CleanLines(time) : null,
        });
    }
}
