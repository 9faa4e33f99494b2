using FhirTrials.Core.Fhir.Terminology;
using FhirTrials.Core.Records;
using Hl7.Fhir.Model;

namespace FhirTrials.Core.Fhir;

/// <summary>
/// The protocol -> PlanDefinition (type clinical-protocol): one goal per outcome measure, one action per arm with the
/// arm's interventions as sub-actions. Identifiers and title are the study's; the status follows
/// <see cref="StatusMap.ToPlanStatus"/>.
/// </summary>
/// <remarks>
/// Goal: description = the measure, category = primary/secondary/exploratory (research-study-objective-type),
/// target.detailCodeableConcept.text = the time frame as written, and target.due = a Duration when the time frame is
/// one plain amount of time ("12 months", "Week 52"). Interventions no arm names are top-level actions of their own.
/// </remarks>
internal static class PlanDefinitionMapper
{
    public static PlanDefinition Map(MappingContext context, string title)
    {
        var record = context.Record;
        var plan = new PlanDefinition
        {
            Id = context.ProtocolId,
            Meta = context.NewMeta(),
            Identifier = IdentifierMapper.Map(record),
            Title = title,
            Type = new CodeableConcept(CodeSystems.PlanDefinitionType, "clinical-protocol", "Clinical Protocol", "Clinical Protocol"),
            Status = StatusMap.ToPlanStatus(record.Status),
            Description = new Markdown("Protocol of the clinical study: " + title),
        };

        for (var i = 0; i < record.Outcomes.Count; i++)
        {
            plan.Goal.Add(Goal(record.Outcomes[i], "outcome-" + (i + 1)));
        }

        var goalIds = plan.Goal.Select(g => g.ElementId).ToList();
        var placed = new HashSet<Intervention>();
        for (var i = 0; i < record.Arms.Count; i++)
        {
            var arm = record.Arms[i];
            var action = new PlanDefinition.ActionComponent
            {
                ElementId = "arm-" + (i + 1),
                Title = arm.Label,
                Description = arm.Description,
                GoalIdElement = [.. goalIds.Select(id => new Id(id))],
            };
            if (arm.Type is { } armType)
            {
                var (code, display) = DesignCodes.ArmType(armType);
                action.Code.Add(new CodeableConcept(CodeSystems.ResearchStudyArmType, code, display, arm.TypeText ?? display));
            }
            else if (!string.IsNullOrWhiteSpace(arm.TypeText))
            {
                action.Code.Add(new CodeableConcept { Text = arm.TypeText });
            }

            foreach (var intervention in InterventionsOf(record, arm))
            {
                placed.Add(intervention);
                action.Action.Add(InterventionAction(intervention));
            }

            plan.Action.Add(action);
        }

        foreach (var intervention in record.Interventions.Where(i => !placed.Contains(i)))
        {
            plan.Action.Add(InterventionAction(intervention));
        }

        plan.Text = new NarrativeBuilder("Protocol: " + title)
            .Row("Status", plan.Status?.ToString())
            .List("Arms", plan.Action.Select(a => a.Action.Count == 0 ? a.Title : $"{a.Title}: {string.Join(", ", a.Action.Select(s => s.Title))}"))
            .List("Goals (outcome measures)", record.Outcomes.Select(o => (o.Kind == OutcomeKind.Unspecified ? "" : o.Kind + ": ") + o.Measure + (o.TimeFrame is null ? "" : $" [{o.TimeFrame}]")))
            .ToNarrative();
        return plan;
    }

    private static IEnumerable<Intervention> InterventionsOf(TrialRecord record, ArmGroup arm) =>
        record.Interventions.Where(i =>
            arm.InterventionNames.Any(n => Same(n, i.Name)) || i.ArmLabels.Any(l => Same(l, arm.Label)));

    private static PlanDefinition.ActionComponent InterventionAction(Intervention intervention)
    {
        var description = string.Join("\n\n", new[]
        {
            intervention.Description,
            intervention.OtherNames.Count == 0 ? null : "Other names: " + string.Join(", ", intervention.OtherNames),
        }.Where(s => !string.IsNullOrWhiteSpace(s)));
        var action = new PlanDefinition.ActionComponent
        {
            Title = intervention.Name,
            Description = description.Length == 0 ? null : description,
        };
        if (intervention.Type is { } type)
        {
            var (code, display) = DesignCodes.InterventionType(type);
            action.Code.Add(new CodeableConcept(CodeSystems.InterventionType, code, display, display));
        }

        return action;
    }

    private static PlanDefinition.GoalComponent Goal(Outcome outcome, string id)
    {
        var goal = new PlanDefinition.GoalComponent
        {
            ElementId = id,
            Category = DesignCodes.ObjectiveConcept(outcome.Kind, " outcome"),
            Description = new CodeableConcept { Text = outcome.Measure },
        };
        if (!string.IsNullOrWhiteSpace(outcome.Description))
        {
            goal.Documentation.Add(new RelatedArtifact { Type = RelatedArtifact.RelatedArtifactType.Documentation, Display = outcome.Description });
        }

        if (!string.IsNullOrWhiteSpace(outcome.TimeFrame))
        {
            goal.Target.Add(new PlanDefinition.TargetComponent
            {
                Detail = new CodeableConcept { Text = outcome.TimeFrame.Trim() },
                Due = TimeFrames.ToDuration(outcome.TimeFrame),
            });
        }

        return goal;
    }

    private static bool Same(string a, string b) =>
        string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);
}
