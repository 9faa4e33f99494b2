namespace FhirTrials.Core.Matching;

public enum CriterionOutcome
{
    Met,
    NotMet,
    Unknown,
}

/// <summary>One criterion's verdict for one study, with the reason a person can read ("age 72 over the maximum of 65").</summary>
/// <param name="Criterion">status, age, sex, healthy-volunteers, condition or distance.</param>
/// <param name="Score">Its share of the study's score, 0 to 1 (a weaker condition match scores less than an exact one).</param>
public sealed record CriterionResult(string Criterion, CriterionOutcome Outcome, string Reason, double Score)
{
    public static CriterionResult Met(string criterion, string reason, double score = 1) => new(criterion, CriterionOutcome.Met, reason, score);

    public static CriterionResult NotMet(string criterion, string reason) => new(criterion, CriterionOutcome.NotMet, reason, 0);

    public static CriterionResult Unknown(string criterion, string reason) => new(criterion, CriterionOutcome.Unknown, reason, 0.5);
}

/// <summary>A study's verdict: excluded when any criterion is not met; the score is the mean of the criteria's scores.</summary>
public sealed record StudyMatch(string StudyId, IReadOnlyList<CriterionResult> Criteria)
{
    public bool Excluded => Criteria.Any(c => c.Outcome == CriterionOutcome.NotMet);

    public double Score => Criteria.Count == 0 ? 1 : Math.Round(Criteria.Average(c => c.Score), 4);
}
